package org.isms.risk.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** What an acceptance is an acceptance of, besides the assessment: who answers for the risk, and its scope. */
public record RiskScope(String owner, String ownerId, Set<String> assets, Set<String> cia, UUID threatId,
        UUID vulnerabilityId) {

    /** What differs from {@code after}, in words ("owner alice→olivia", "affected properties C→CIA"). */
    public List<String> changesTo(RiskScope after) {
        List<String> changes = new ArrayList<>();
        if (!owner.equals(after.owner) || (ownerId != null && after.ownerId != null && !ownerId.equals(after.ownerId))) {
            changes.add("owner " + owner + "→" + after.owner);
        }
        if (!assets.equals(after.assets)) {
            changes.add("assets");
        }
        if (!cia.equals(after.cia)) {
            changes.add("affected properties " + String.join("", cia) + "→" + String.join("", after.cia));
        }
        if (!Objects.equals(threatId, after.threatId)) {
            changes.add("threat");
        }
        if (!Objects.equals(vulnerabilityId, after.vulnerabilityId)) {
            changes.add("vulnerability");
        }
        return changes;
    }
}
