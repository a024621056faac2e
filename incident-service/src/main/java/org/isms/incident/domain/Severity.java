package org.isms.incident.domain;

import java.util.Locale;

/** An alert's or incident's severity on our scale, lowest first; each format's own scale maps onto it. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The severity named {@code text} (any case, "informational" for INFO), or null. */
    public static Severity parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.equals("INFORMATIONAL")) {
            return INFO;
        }
        for (Severity s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        return null;
    }
}
