package org.isms.incident.domain;

/** How urgently an incident is worked: P1 first. */
public enum Priority {
    P1, P2, P3, P4;

    /** Whether this comes before {@code other} (P1 is higher than P2). */
    public boolean higherThan(Priority other) {
        return compareTo(other) < 0;
    }

    public static Priority highest(Priority a, Priority b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
