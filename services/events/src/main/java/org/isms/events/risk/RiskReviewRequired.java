package org.isms.events.risk;

/**
 * {@code isms.risk.review-required.v1}: something changed that calls for re-assessment.
 * {@code causeType} and {@code causeEventId} name the event that raised it (null when raised by a
 * schedule or by a person).
 */
public record RiskReviewRequired(RiskSnapshot risk, String reason, String causeType, String causeEventId) {
}
