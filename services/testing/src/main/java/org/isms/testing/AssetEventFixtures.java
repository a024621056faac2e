package org.isms.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.AssetDeleted;
import org.isms.events.asset.AssetRegistered;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.AssetStatusChanged;
import org.isms.events.asset.Cia;

/**
 * Asset events as asset-service publishes them, for the tests of their consumers (which play asset-service
 * on {@code isms.asset.events}, with {@link KafkaBroker#send}): one tenant, an acting user, the time now.
 */
public final class AssetEventFixtures {
    private static final String BY = "officer";
    private static final String BY_ID = UUID.nameUUIDFromBytes(BY.getBytes()).toString();

    private final String tenant;

    public AssetEventFixtures(String tenant) {
        this.tenant = tenant;
    }

    public static AssetSnapshot snapshot(UUID id, String name, String status, Cia cia) {
        return new AssetSnapshot(id, name, "INFORMATION", "alice", status, cia, cia, cia.max(), false, false, List.of(),
                List.of(), List.of(), List.of(), 0, null, null, null, List.of(), null);
    }

    public EventEnvelope registered(UUID id, String name, Cia cia) {
        return event(EventTypes.ASSET_REGISTERED, id, new AssetRegistered(snapshot(id, name, "IN_USE", cia), BY, BY_ID));
    }

    /** Own and effective ratings from {@code from} to {@code to}. */
    public EventEnvelope classified(UUID id, String name, Cia from, Cia to) {
        return event(EventTypes.ASSET_CLASSIFIED, id, new AssetClassified(id, name, from, to, from, to,
                "new data types stored", null, BY, BY_ID));
    }

    public EventEnvelope statusChanged(UUID id, String name, Cia cia, String from, String to) {
        return event(EventTypes.ASSET_STATUS_CHANGED, id,
                new AssetStatusChanged(snapshot(id, name, to, cia), from, to, BY, BY_ID));
    }

    public EventEnvelope deleted(UUID id, String name) {
        return event(EventTypes.ASSET_DELETED, id, new AssetDeleted(id, name, null, BY, BY_ID));
    }

    /** An event of this tenant from asset-service, about asset {@code id}. */
    public EventEnvelope event(String type, UUID id, Object payload) {
        return EventEnvelope.of(type, Sources.ASSET_SERVICE, id.toString(), tenant, OffsetDateTime.now(ZoneOffset.UTC),
                payload);
    }
}
