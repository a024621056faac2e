package org.isms.control.service;

import java.util.regex.Pattern;
import org.isms.control.catalog.Theme;

/** What a control id may be: Annex A's ({@code 8.5}), or a tenant's own outside Annex A's range ({@code ACME-01}). */
public final class ControlIds {
    /** An own control's id: a letter first, then letters, digits, dots, dashes or underscores, 2 to 20 in all. */
    private static final Pattern OWN = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1,19}");
    /** What looks like an ISO/IEC 27001 control number (2022's 5.1 or 2013's A.9.2.3), in or out of range. */
    private static final Pattern ISO_LIKE = Pattern.compile("(?i)(A\\.)?\\d+(\\.\\d+)*");

    private ControlIds() {
    }

    /** Whether {@code id} may name a tenant's own control: well-formed, and not taken by Annex A's numbering. */
    public static boolean validOwn(String id) {
        return id != null && OWN.matcher(id).matches() && !ISO_LIKE.matcher(id).matches()
                && Theme.ofAnnexA(id) == null;
    }

    /** Annex A ids in the standard's order (5.2 before 5.10), own ids after them by text. */
    public static String sortKey(String id) {
        if (Theme.ofAnnexA(id) != null) {
            int dot = id.indexOf('.');
            return String.format("0%02d.%03d", Integer.parseInt(id.substring(0, dot)),
                    Integer.parseInt(id.substring(dot + 1)));
        }
        return "1" + id;
    }
}
