package org.isms.events.risk;

import java.time.OffsetDateTime;

/** {@code isms.risk.acceptance-expired.v1}: an acceptance ran out; the risk is open again. */
public record RiskAcceptanceExpired(RiskSnapshot risk, OffsetDateTime expiredAt) {
}
