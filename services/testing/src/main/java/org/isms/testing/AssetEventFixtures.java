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
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.AssetDeleted;
import org.isms.events.asset.AssetRegistered;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.AssetStatusChanged;
import org.isms.events.asset.Cia;

/**
 * Asset events as asset-service publishes them, for the tests of their consumers (which play asset-service
 * on {@code isms.asset.events}, with {@link KafkaBroker#send}): one tenant, an acting user, the time now. Each
 * event made carries the asset's next version, as asset-service's would (registered 0, each change one more, a
 * deletion the last); an event made and sent later than a newer one is a stale one.
 */
public final class AssetEventFixtures {
    private static final String BY = "officer";
    private static final String BY_ID = UUID.nameUUIDFromBytes(BY.getBytes()).toString();

    private final String tenant;
    private final Map<UUID, Long> versions = new ConcurrentHashMap<>();

    public AssetEventFixtures(String tenant) {
        this.tenant = tenant;
    }

    public static AssetSnapshot snapshot(UUID id, String name, String status, Cia cia, long version) {
        return new AssetSnapshot(id, name, "INFORMATION", "alice", status, cia, cia, cia.max(), false, false, List.of(),
                List.of(), List.of(), List.of(), version, null, null, null, List.of(), null);
    }

    public EventEnvelope registered(UUID id, String name, Cia cia) {
        versions.put(id, 0L);
        return event(EventTypes.ASSET_REGISTERED, id, new AssetRegistered(snapshot(id, name, "IN_USE", cia, 0), BY,
                BY_ID));
    }

    /** Own and effective ratings from {@code from} to {@code to}. */
    public EventEnvelope classified(UUID id, String name, Cia from, Cia to) {
        return event(EventTypes.ASSET_CLASSIFIED, id, new AssetClassified(id, name, from, to, from, to,
                "new data types stored", null, BY, BY_ID, next(id)));
    }

    public EventEnvelope statusChanged(UUID id, String name, Cia cia, String from, String to) {
        return event(EventTypes.ASSET_STATUS_CHANGED, id,
                new AssetStatusChanged(snapshot(id, name, to, cia, next(id)), from, to, BY, BY_ID));
    }

    /** The deletion; {@code asset} is left out (null), as a consumer must cope with. */
    public EventEnvelope deleted(UUID id, String name) {
        return event(EventTypes.ASSET_DELETED, id, new AssetDeleted(id, name, null, BY, BY_ID));
    }

    /** The asset's version after one more change. */
    private long next(UUID id) {
        return versions.merge(id, 1L, Long::sum);
    }

    /** An event of this tenant from asset-service, about asset {@code id}. */
    public EventEnvelope event(String type, UUID id, Object payload) {
        return EventEnvelope.of(type, Sources.ASSET_SERVICE, id.toString(), tenant, OffsetDateTime.now(ZoneOffset.UTC),
                payload);
    }
}
