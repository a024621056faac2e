package org.isms.risk.rest;

import java.util.Arrays;
import java.util.List;
import org.isms.platform.csv.CsvWriter;
import org.isms.risk.domain.Risk;
import org.isms.risk.service.RiskDetails;

/**
 * The register as CSV, one risk per line, for auditors and spreadsheets (export only), written a page at a
 * time. Lists (asset ids, asset names, controls) are one cell each, {@code ;}-separated, every element escaped
 * against formula injection on its own.
 */
final class RiskCsv {
    static final List<String> COLUMNS = List.of("id", "title", "status", "owner", "assetIds", "assets", "threatId",
            "vulnerabilityId", "cia", "inherentLikelihood", "inherentImpact", "inherentScore", "inherentLevel",
            "treatmentOption", "controlIds", "residualLikelihood", "residualImpact", "residualScore", "residualLevel",
            "level", "aboveAppetite", "acceptanceApprover", "acceptanceExpiresAt", "reviewRequired", "nextReviewDue",
            "methodologyVersion", "updatedBy", "updatedAt", "version");

    private RiskCsv() {
    }

    static String header() {
        return new CsvWriter().line(COLUMNS).drain();
    }

    static String lines(List<RiskDetails> risks) {
        CsvWriter out = new CsvWriter();
        for (RiskDetails d : risks) {
            Risk r = d.risk();
            out.line(List.of(r.id.toString(), r.title, r.status.name(), r.owner, CsvWriter.list(Arrays.asList(r.assetIds)),
                    CsvWriter.list(d.assets().stream().map(a -> a.name).toList()),
                    text(r.threatId), text(r.vulnerabilityId), String.join("", r.cia), text(r.inherentLikelihood),
                    text(r.inherentImpact), text(r.inherentScore), text(r.inherentLevel), text(r.treatmentOption),
                    CsvWriter.list(Arrays.asList(r.controlIds)), text(r.residualLikelihood), text(r.residualImpact),
                    text(r.residualScore), text(r.residualLevel), text(r.level), String.valueOf(r.aboveAppetite),
                    text(r.acceptanceApprover), text(r.acceptanceExpiresAt), String.valueOf(r.reviewRequired),
                    text(r.nextReviewDue), String.valueOf(r.methodologyVersion), r.updatedBy, text(r.updatedAt),
                    String.valueOf(r.version)));
        }
        return out.drain();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
