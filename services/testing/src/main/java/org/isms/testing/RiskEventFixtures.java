package org.isms.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.risk.RiskClosed;
import org.isms.events.risk.RiskDeleted;
import org.isms.events.risk.RiskIdentified;
import org.isms.events.risk.RiskSnapshot;
import org.isms.events.risk.RiskTreatmentPlanned;

/**
 * Risk events as risk-service publishes them, for the tests of their consumers (which play risk-service on
 * {@code isms.risk.events}, with {@link KafkaBroker#send}): one tenant, an acting user, the time now. Each event
 * made carries the risk's next version, as risk-service's would; an event made and sent later than a newer one is
 * a stale one.
 */
public final class RiskEventFixtures {
    private static final String BY = "olivia";
    private static final String BY_ID = UUID.nameUUIDFromBytes(BY.getBytes()).toString();

    private final String tenant;
    private final Map<UUID, Long> versions = new ConcurrentHashMap<>();

    public RiskEventFixtures(String tenant) {
        this.tenant = tenant;
    }

    /** A risk as its snapshot says it, with the controls its treatment plan names. */
    public static RiskSnapshot snapshot(UUID id, String title, String status, List<String> controlIds, long version) {
        return new RiskSnapshot(id, title, status, "alice", List.of(), "HIGH", controlIds.isEmpty() ? null : "MEDIUM",
                controlIds.isEmpty() ? null : "MODIFY", controlIds, true, version, null, null, null, null,
                List.of("C"), null, null, "HIGH", 1, null, false, null);
    }

    public EventEnvelope identified(UUID id, String title) {
        versions.put(id, 0L);
        return event(EventTypes.RISK_IDENTIFIED, id, new RiskIdentified(snapshot(id, title, "IDENTIFIED", List.of(), 0),
                BY, BY_ID));
    }

    /** A treatment plan naming {@code controlIds}. */
    public EventEnvelope treatmentPlanned(UUID id, String title, List<String> controlIds) {
        return event(EventTypes.RISK_TREATMENT_PLANNED, id, new RiskTreatmentPlanned(snapshot(id, title,
                "TREATMENT_PLANNED", controlIds, next(id)), BY, BY_ID));
    }

    public EventEnvelope closed(UUID id, String title, List<String> controlIds) {
        return event(EventTypes.RISK_CLOSED, id, new RiskClosed(snapshot(id, title, "CLOSED", controlIds, next(id)),
                "no longer applies", BY, BY_ID));
    }

    public EventEnvelope deleted(UUID id, String title, List<String> controlIds) {
        return event(EventTypes.RISK_DELETED, id, new RiskDeleted(snapshot(id, title, "TREATMENT_PLANNED", controlIds,
                versions.getOrDefault(id, 0L)), BY, BY_ID));
    }

    private long next(UUID id) {
        return versions.merge(id, 1L, Long::sum);
    }

    /** An event of this tenant from risk-service, about risk {@code id}. */
    public EventEnvelope event(String type, UUID id, Object payload) {
        return EventEnvelope.of(type, Sources.RISK_SERVICE, id.toString(), tenant, OffsetDateTime.now(ZoneOffset.UTC),
                payload);
    }
}
