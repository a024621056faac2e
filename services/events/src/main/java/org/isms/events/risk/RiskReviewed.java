package org.isms.events.risk;

/** {@code isms.risk.reviewed.v1}: a person reviewed the risk and cleared its review flag. */
public record RiskReviewed(RiskSnapshot risk, String reviewer, String comment, String reviewerId) {
}
