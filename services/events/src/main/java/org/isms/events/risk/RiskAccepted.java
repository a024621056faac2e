package org.isms.events.risk;

import java.time.OffsetDateTime;

/** {@code isms.risk.accepted.v1}: an approver accepted the residual risk until {@code expiresAt}. */
public record RiskAccepted(RiskSnapshot risk, String approver, String justification, OffsetDateTime expiresAt,
        String approverId) {
}
