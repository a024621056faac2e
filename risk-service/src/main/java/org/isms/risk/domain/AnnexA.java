package org.isms.risk.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control ids of ISO/IEC 27001:2022 Annex A: 5.1–5.37 (organizational), 6.1–6.8 (people),
 * 7.1–7.14 (physical), 8.1–8.34 (technological).
 */
public final class AnnexA {
    private static final Pattern ID = Pattern.compile("^([5-8])\\.([1-9][0-9]?)$");

    private AnnexA() {
    }

    public static boolean isControl(String id) {
        if (id == null) {
            return false;
        }
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return false;
        }
        int n = Integer.parseInt(m.group(2));
        return n <= switch (m.group(1)) {
            case "5" -> 37;
            case "6" -> 8;
            case "7" -> 14;
            default -> 34;
        };
    }
}
