package org.isms.events.risk;

/** {@code isms.risk.identified.v1}: a risk entered the register. */
public record RiskIdentified(RiskSnapshot risk, String by, String byId) {
}
