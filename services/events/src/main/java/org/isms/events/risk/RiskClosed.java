package org.isms.events.risk;

/** {@code isms.risk.closed.v1}: the risk no longer applies. */
public record RiskClosed(RiskSnapshot risk, String reason, String by, String byId) {
}
