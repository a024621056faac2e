package org.isms.events.risk;

import java.util.List;
import java.util.UUID;

/** What other services need of a risk: its level, owner, assets and the Annex A controls it calls for. */
public record RiskSnapshot(UUID riskId, String title, String status, String owner, List<UUID> assetIds,
        String inherentLevel, String residualLevel, String treatmentOption, List<String> controlIds,
        boolean aboveAppetite, long version) {
}
