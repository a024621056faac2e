package org.isms.incident.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * An incident's priority from its severity and the criticality of the most critical asset it hit (1 to 4): a
 * matrix from configuration ({@code incident.intake.priority.<SEVERITY>=P4,P3,P3,P2}, one priority per criticality).
 */
public final class PriorityMatrix {
    private final Map<Severity, Priority[]> rows;
    private final int unmatched;

    private PriorityMatrix(Map<Severity, Priority[]> rows, int unmatched) {
        this.rows = rows;
        this.unmatched = unmatched;
    }

    /** The matrix from its configured rows; every severity must have one, of four priorities. */
    public static PriorityMatrix of(Map<String, String> config, int unmatchedCriticality) {
        Map<Severity, Priority[]> rows = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String row = config.get(s.name());
            if (row == null) {
                throw new IllegalArgumentException("incident.intake.priority." + s + " is missing: give four"
                        + " priorities, one per asset criticality 1 to 4 (e.g. P4,P3,P3,P2)");
            }
            String[] cells = row.split(",");
            if (cells.length != 4) {
                throw new IllegalArgumentException("incident.intake.priority." + s + " must list four priorities,"
                        + " one per asset criticality 1 to 4, not '" + row + "'");
            }
            Priority[] p = new Priority[4];
            for (int i = 0; i < 4; i++) {
                p[i] = Priority.valueOf(cells[i].strip());
            }
            rows.put(s, p);
        }
        if (unmatchedCriticality < 1 || unmatchedCriticality > 4) {
            throw new IllegalArgumentException("incident.intake.unmatched-criticality must be 1 to 4");
        }
        return new PriorityMatrix(rows, unmatchedCriticality);
    }

    /** The priority for a severity and the highest criticality among the matched assets (0: none matched). */
    public Priority priority(Severity severity, int criticality) {
        int c = criticality < 1 ? unmatched : Math.min(criticality, 4);
        return rows.get(severity)[c - 1];
    }
}
