package org.isms.control.rest;

import java.util.List;
import org.isms.control.domain.RiskRef;
import org.isms.control.service.Soa.Entry;
import org.isms.control.service.Soa.Statement;
import org.isms.platform.csv.CsvWriter;

/** The statement as CSV, one control per line (safe to open in a spreadsheet: {@link CsvWriter}). */
final class SoaCsv {
    static final List<String> COLUMNS = List.of("controlId", "title", "theme", "own", "applicable", "reason",
            "justification", "status", "effectiveness", "owner", "dueDate", "risks", "evidence");

    private SoaCsv() {
    }

    static String write(Statement s) {
        CsvWriter out = new CsvWriter().line(COLUMNS);
        for (Entry e : s.entries()) {
            out.line(cells(e, CsvWriter::list));
        }
        return out.toString();
    }

    /** One entry's cells in the order of {@link #COLUMNS}, the risks' titles joined by {@code risks}. */
    static List<String> cells(Entry e, java.util.function.Function<List<String>, String> risks) {
        return List.of(e.controlId(), e.title(), e.theme(), e.own() ? "yes" : "no", answer(e.applicable()),
                text(e.reason()), text(e.justification()), e.status(), e.effectiveness(), text(e.owner()),
                text(e.dueDate()), risks.apply(e.risks().stream().map(RiskRef::title).toList()),
                e.evidenceCount() + (e.evidenceExpired() ? " (expired)" : ""));
    }

    /** The SoA's answer as people read it: yes, no, or undecided. */
    static String answer(Boolean applicable) {
        return applicable == null ? "undecided" : applicable ? "yes" : "no";
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
