package org.isms.incident.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * An incident's phase after ISO/IEC 27035: detected (NEW), assessed and decided (TRIAGED), responded to
 * (CONTAINED, ERADICATED, RECOVERED), learned from (CLOSED); or found to be a FALSE_POSITIVE at triage; or MERGED
 * into another incident. Work moves forward: from NEW only to triage (or false positive), from TRIAGED on to any
 * later phase (not every incident needs eradicating), never back; the last three are final.
 */
public enum IncidentStatus {
    NEW, TRIAGED, CONTAINED, ERADICATED, RECOVERED, CLOSED, FALSE_POSITIVE, MERGED;

    /** The phases this one may move to. */
    public Set<IncidentStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(TRIAGED, FALSE_POSITIVE);
            case TRIAGED -> EnumSet.of(CONTAINED, ERADICATED, RECOVERED, CLOSED, FALSE_POSITIVE);
            case CONTAINED -> EnumSet.of(ERADICATED, RECOVERED, CLOSED);
            case ERADICATED -> EnumSet.of(RECOVERED, CLOSED);
            case RECOVERED -> EnumSet.of(CLOSED);
            case CLOSED, FALSE_POSITIVE, MERGED -> EnumSet.noneOf(IncidentStatus.class);
        };
    }

    /** No more work: closed, a false positive, or merged into another. */
    public boolean isFinal() {
        return this == CLOSED || this == FALSE_POSITIVE || this == MERGED;
    }

    /** Whether the incident is contained by now (for the mean time to contain). */
    public boolean containedOrLater() {
        return this == CONTAINED || this == ERADICATED || this == RECOVERED || this == CLOSED;
    }
}
