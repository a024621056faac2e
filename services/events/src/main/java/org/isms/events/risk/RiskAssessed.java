package org.isms.events.risk;

/**
 * {@code isms.risk.assessed.v1}: likelihood and impact were (re-)assessed, or the methodology
 * changed the level; {@code previousLevel} is null on the first assessment.
 */
public record RiskAssessed(RiskSnapshot risk, String previousLevel, String reason, String by, String byId) {
}
