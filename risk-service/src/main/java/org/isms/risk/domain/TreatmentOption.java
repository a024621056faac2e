package org.isms.risk.domain;

/** ISO/IEC 27005's four ways to treat a risk. */
public enum TreatmentOption {
    /** Reduce it with controls (the plan says which, by Annex A id). */
    MODIFY,
    /** Keep it as it is: needs an acceptance. */
    RETAIN,
    /** Stop the activity that causes it. */
    AVOID,
    /** Transfer (part of) it: insurance, a provider. */
    SHARE
}
