package org.isms.events.asset;

/** Confidentiality, integrity and availability ratings, each 1 (low) to 4 (very high). */
public record Cia(int confidentiality, int integrity, int availability) {
    public int max() {
        return Math.max(confidentiality, Math.max(integrity, availability));
    }
}
