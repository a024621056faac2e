package org.isms.control.domain;

/**
 * What evidence a control has: how many pieces support it today, and how many expired. A control whose evidence
 * expired and has none valid left has lost its evidence ({@link #lost()}).
 */
public record EvidenceSummary(int valid, int expired) {
    public static final EvidenceSummary NONE = new EvidenceSummary(0, 0);

    /** Expired evidence and nothing valid in its place. */
    public boolean lost() {
        return expired > 0 && valid == 0;
    }
}
