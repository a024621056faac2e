package org.isms.risk.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A risk's place in the treatment cycle. Assessing moves IDENTIFIED to ASSESSED; a treatment plan to
 * TREATMENT_PLANNED, or TREATED when every plan item is done and the residual level is within appetite;
 * an acceptance to ACCEPTED. A new plan, an expired acceptance or a re-assessment that moves the residual
 * level takes an ACCEPTED risk back to TREATMENT_PLANNED. CLOSED is final.
 */
public enum RiskStatus {
    IDENTIFIED, ASSESSED, TREATMENT_PLANNED, TREATED, ACCEPTED, CLOSED;

    public Set<RiskStatus> next() {
        return switch (this) {
            case IDENTIFIED -> EnumSet.of(ASSESSED, CLOSED);
            case ASSESSED -> EnumSet.of(TREATMENT_PLANNED, TREATED, CLOSED);
            case TREATMENT_PLANNED -> EnumSet.of(TREATED, ACCEPTED, CLOSED);
            case TREATED -> EnumSet.of(TREATMENT_PLANNED, ACCEPTED, CLOSED);
            case ACCEPTED -> EnumSet.of(TREATMENT_PLANNED, TREATED, CLOSED);
            case CLOSED -> EnumSet.noneOf(RiskStatus.class);
        };
    }

    public boolean open() {
        return this != CLOSED;
    }
}
