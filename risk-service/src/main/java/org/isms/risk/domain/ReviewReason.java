package org.isms.risk.domain;

import java.time.OffsetDateTime;

/**
 * Why a risk needs a review. {@code kind} says what raised it; {@code causeType} and {@code causeEventId}
 * name the event behind it (both null when a schedule or a person raised it). Control and incident events
 * add kinds of their own (a failed control test, an incident on the asset) without changing this shape.
 */
public record ReviewReason(Kind kind, String reason, OffsetDateTime at, String causeType, String causeEventId) {
    public enum Kind {
        ASSET_CLASSIFIED, ASSET_RETIRED, ASSET_DELETED, ACCEPTANCE_EXPIRED, ACCEPTANCE_VOIDED, REVIEW_OVERDUE,
        CONTROL_INEFFECTIVE, CONTROL_EVIDENCE_EXPIRED, INCIDENT
    }
}
