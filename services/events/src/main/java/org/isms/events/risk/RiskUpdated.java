package org.isms.events.risk;

import java.util.List;

/** {@code isms.risk.updated.v1}: descriptive fields or the scope (owner, assets, threat, CIA) changed; {@code changed} names them. */
public record RiskUpdated(RiskSnapshot risk, List<String> changed, String by, String byId) {
}
