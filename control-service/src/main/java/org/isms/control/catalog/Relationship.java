package org.isms.control.catalog;

import java.util.Locale;

/**
 * How a control relates to a requirement of another framework (the set-theory relationships of NIST's OLIR
 * mappings), read from the control's side: {@code SUPERSET} means the control covers the requirement and more.
 */
public enum Relationship {
    EQUAL, SUBSET, SUPERSET, INTERSECTS;

    /** The same pair read from the other side: a subset one way is a superset the other. */
    public Relationship inverse() {
        return switch (this) {
            case SUBSET -> SUPERSET;
            case SUPERSET -> SUBSET;
            default -> this;
        };
    }

    /** As the catalog files and the API write it: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The relationship written {@code text} (any case); null when it is none. */
    public static Relationship parse(String text) {
        if (text == null) {
            return null;
        }
        for (Relationship r : values()) {
            if (r.name().equalsIgnoreCase(text.strip())) {
                return r;
            }
        }
        return null;
    }
}
