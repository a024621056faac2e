package org.isms.events.risk;

/** {@code isms.risk.deleted.v1}: the risk was removed from the register (entered by mistake); {@code risk} is its final state. */
public record RiskDeleted(RiskSnapshot risk, String by, String byId) {
}
