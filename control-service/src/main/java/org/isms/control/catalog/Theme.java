package org.isms.control.catalog;

/** The four themes of ISO/IEC 27001:2022 Annex A, by the first number of a control's id. */
public enum Theme {
    ORGANIZATIONAL(5, 37), PEOPLE(6, 8), PHYSICAL(7, 14), TECHNOLOGICAL(8, 34);

    private final int clause;
    private final int controls;

    Theme(int clause, int controls) {
        this.clause = clause;
        this.controls = controls;
    }

    /** The Annex A clause of the theme (5 to 8). */
    public int clause() {
        return clause;
    }

    /** How many controls Annex A has in the theme. */
    public int controls() {
        return controls;
    }

    /** The theme of Annex A control {@code id} (e.g. "8.5"); null unless it is one of the 93. */
    public static Theme ofAnnexA(String id) {
        if (id == null) {
            return null;
        }
        int dot = id.indexOf('.');
        if (dot < 1 || dot == id.length() - 1 || id.length() > 5) {
            return null;
        }
        try {
            int major = Integer.parseInt(id.substring(0, dot));
            String minorText = id.substring(dot + 1);
            if (minorText.startsWith("0") || !minorText.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int minor = Integer.parseInt(minorText);
            for (Theme t : values()) {
                if (t.clause == major && minor >= 1 && minor <= t.controls) {
                    return t;
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
