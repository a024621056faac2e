package org.isms.control.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.isms.control.domain.RiskRef;
import org.isms.control.service.Soa.Entry;
import org.isms.control.service.Soa.Statement;
import org.isms.platform.csv.CsvWriter;
import org.isms.platform.http.Responses;

/** The statement as CSV, one control per line (safe to open in a spreadsheet: {@link CsvWriter}). */
final class SoaCsv {
    static final List<String> COLUMNS = List.of("controlId", "title", "theme", "own", "applicable", "reason",
            "justification", "status", "effectiveness", "owner", "dueDate", "risks");

    private SoaCsv() {
    }

    static String write(Statement s) {
        CsvWriter out = new CsvWriter().line(COLUMNS);
        for (Entry e : s.entries()) {
            out.line(List.of(e.controlId(), e.title(), e.theme(), String.valueOf(e.own()),
                    e.applicable() == null ? "undecided" : e.applicable() ? "yes" : "no", text(e.reason()),
                    text(e.justification()), e.status(), e.effectiveness(), text(e.owner()), text(e.dueDate()),
                    CsvWriter.list(e.risks().stream().map(RiskRef::title).toList())));
        }
        return out.toString();
    }

    static Response download(String filename, Statement s) {
        return Response.ok(write(s), Responses.CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
