package org.isms.events.risk;

/** {@code isms.risk.treatment-planned.v1}: a treatment option and plan were set. */
public record RiskTreatmentPlanned(RiskSnapshot risk, String by, String byId) {
}
