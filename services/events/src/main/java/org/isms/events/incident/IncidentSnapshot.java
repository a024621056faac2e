package org.isms.events.incident;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An incident as it stands after a change: what risk-service needs to flag the risks of the assets it hit
 * ({@code assetIds}, {@code ciaHit}: some of "C", "I", "A"), and the rest of its record, so that the trail alone says
 * what the incident was on any date. {@code number} is the tenant's handle ("INC-42"); {@code regimes} names the
 * regulatory regimes it was declared reportable under.
 */
public record IncidentSnapshot(UUID incidentId, String number, String title, String description, String status,
        String severity, String priority, String category, String assignee, List<String> ciaHit,
        boolean personalData, List<UUID> assetIds, List<UUID> riskIds, int alertCount, OffsetDateTime firstSeen,
        OffsetDateTime lastSeen, OffsetDateTime openedAt, OffsetDateTime closedAt, UUID mergedInto,
        List<String> regimes, long version) {
}
