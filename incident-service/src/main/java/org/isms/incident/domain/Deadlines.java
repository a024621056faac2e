package org.isms.incident.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports a regulatory regime asks for and when each is due: each report's deadline is the earliest of its
 * terms, a term being an anchor plus a period. The anchor is the time of awareness, of classification, or an
 * earlier report of the regime — its submission once recorded, its own deadline until then (so a final report
 * "one month after the notification" is due a month after the notification was sent, or, while it was not, a month
 * after it was due). Periods are ISO-8601: {@code PT24H} is 24 hours, {@code P1M} a calendar month (in UTC).
 */
public final class Deadlines {
    public static final String AWARENESS = "AWARENESS";
    public static final String CLASSIFICATION = "CLASSIFICATION";

    /** One report: its key, its title and the terms of its deadline. */
    public record Rule(String key, String title, List<Term> terms) {
    }

    /** {@code anchor + amount}. */
    public record Term(String anchor, TemporalAmount amount) {
        public OffsetDateTime from(OffsetDateTime at) {
            return at.withOffsetSameInstant(ZoneOffset.UTC).plus(amount);
        }

        @Override
        public String toString() {
            return anchor + "+" + amount;
        }
    }

    /** A regime: its name, title, whether it needs the time of classification, its reports in order. */
    public record Regime(String name, String title, boolean needsClassification, List<Rule> reports) {
        public Rule report(String key) {
            return reports.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
        }
    }

    private Deadlines() {
    }

    /**
     * A regime from its configured reports ({@code due} as {@code ANCHOR+PERIOD[,ANCHOR+PERIOD…]}); a term naming an
     * anchor that is neither awareness, classification nor an earlier report, or a period that is none, is refused.
     */
    public static Regime regime(String name, String title, boolean needsClassification,
            List<String[]> reports) {
        List<Rule> rules = new ArrayList<>();
        for (String[] r : reports) {
            List<Term> terms = new ArrayList<>();
            for (String t : r[2].split(",")) {
                int plus = t.indexOf('+');
                if (plus < 0) {
                    throw new IllegalArgumentException("regime " + name + ", report " + r[0] + ": '" + t
                            + "' is not ANCHOR+PERIOD (e.g. AWARENESS+PT24H)");
                }
                String anchor = t.substring(0, plus).strip();
                boolean known = anchor.equals(AWARENESS) || anchor.equals(CLASSIFICATION) && needsClassification
                        || rules.stream().anyMatch(x -> x.key().equals(anchor));
                if (!known) {
                    throw new IllegalArgumentException("regime " + name + ", report " + r[0] + ": anchor '" + anchor
                            + "' is not AWARENESS, CLASSIFICATION (of a regime that needs it) or an earlier report");
                }
                terms.add(new Term(anchor, amount(t.substring(plus + 1).strip(), name, r[0])));
            }
            rules.add(new Rule(r[0], r[1], List.copyOf(terms)));
        }
        return new Regime(name, title, needsClassification, List.copyOf(rules));
    }

    private static TemporalAmount amount(String text, String regime, String report) {
        try {
            return text.contains("T") ? Duration.parse(text) : Period.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("regime " + regime + ", report " + report + ": '" + text
                    + "' is not an ISO-8601 period (PT24H, P1M)");
        }
    }

    /**
     * Each report's deadline, in the regime's order, given the times of awareness and classification and the
     * submissions recorded so far (by report key).
     */
    public static Map<String, OffsetDateTime> due(Regime regime, OffsetDateTime awareAt, OffsetDateTime classifiedAt,
            Map<String, OffsetDateTime> submitted) {
        Map<String, OffsetDateTime> due = new LinkedHashMap<>();
        for (Rule r : regime.reports()) {
            OffsetDateTime earliest = null;
            for (Term t : r.terms()) {
                OffsetDateTime anchor = switch (t.anchor()) {
                    case AWARENESS -> awareAt;
                    case CLASSIFICATION -> classifiedAt;
                    default -> submitted.getOrDefault(t.anchor(), due.get(t.anchor()));
                };
                if (anchor == null) {
                    continue; // classification not recorded (declared before the regime needed it): that term cannot run
                }
                OffsetDateTime at = t.from(anchor);
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            }
            if (earliest != null) {
                due.put(r.key(), earliest);
            }
        }
        return due;
    }
}
