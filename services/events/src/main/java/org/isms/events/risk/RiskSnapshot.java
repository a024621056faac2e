package org.isms.events.risk;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A risk as it stands after a change: what other services need (level, owner, assets, the Annex A
 * controls it calls for) and the rest of its record (assessment, acceptance, review), so that the trail
 * alone says what the register held on any date. {@code ownerId} is the owner's stable user id, null
 * while the owner has not yet signed in to the ISMS.
 */
public record RiskSnapshot(UUID riskId, String title, String status, String owner, List<UUID> assetIds,
        String inherentLevel, String residualLevel, String treatmentOption, List<String> controlIds,
        boolean aboveAppetite, long version, String ownerId, String description, UUID threatId,
        UUID vulnerabilityId, List<String> cia, Rating inherent, Rating residual, String level,
        int methodologyVersion, Acceptance acceptance, boolean reviewRequired, LocalDate nextReviewDue) {

    /** Likelihood and impact as assessed, with the score and level they give. */
    public record Rating(int likelihood, int impact, int score, String level) {
    }

    /** Who accepted the residual risk (name and stable id), why, until when. */
    public record Acceptance(String approver, String approverId, String justification, OffsetDateTime expiresAt,
            OffsetDateTime acceptedAt) {
    }
}
