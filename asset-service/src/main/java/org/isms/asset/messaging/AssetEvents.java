package org.isms.asset.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetDetails;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.asset.AssetClassified;
import org.isms.events.asset.AssetDeleted;
import org.isms.events.asset.AssetDependenciesChanged;
import org.isms.events.asset.AssetRegistered;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.AssetStatusChanged;
import org.isms.events.asset.AssetUpdated;
import org.isms.events.asset.Cia;
import org.isms.platform.outbox.Outbox;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The asset events of {@code isms.asset.events}, written to the outbox in the transaction of the change
 * they describe. Call after the change is flushed, so the snapshot carries the new version.
 */
@ApplicationScoped
public class AssetEvents {
    public static final String SOURCE = Sources.ASSET_SERVICE;

    private final Outbox outbox;
    private final Clock clock;

    public AssetEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> registered(Asset a, List<UUID> dependsOn, Caller by) {
        return outbox.append(registeredEvent(a, dependsOn, by));
    }

    /**
     * The registered event of each of these assets, exactly as {@link #registered} writes it, all in one outbox
     * statement (an import); pass them in parts of a thousand or so.
     */
    public Uni<Void> registeredAll(List<AssetDetails> registered, Caller by) {
        return outbox.appendAll(registered.stream().map(d -> registeredEvent(d.asset(), d.dependsOn(), by)).toList());
    }

    /** Events made by the {@code …Event} methods, written to the outbox in one statement, in this order. */
    public Uni<Void> appendAll(List<EventEnvelope> events) {
        return outbox.appendAll(events);
    }

    public EventEnvelope registeredEvent(Asset a, List<UUID> dependsOn, Caller by) {
        return envelope(EventTypes.ASSET_REGISTERED, a, new AssetRegistered(snapshot(a, dependsOn), by.name(), by.id()));
    }

    public Uni<Void> updated(Asset a, List<UUID> dependsOn, List<String> changed, Caller by) {
        return append(EventTypes.ASSET_UPDATED, a, new AssetUpdated(snapshot(a, dependsOn), changed, by.name(), by.id()));
    }

    public Uni<Void> classified(Asset a, Cia previous, Cia previousEffective, String reason, UUID cause, Caller by) {
        return outbox.append(classifiedEvent(a, previous, previousEffective, reason, cause, by));
    }

    public EventEnvelope classifiedEvent(Asset a, Cia previous, Cia previousEffective, String reason, UUID cause,
            Caller by) {
        return envelope(EventTypes.ASSET_CLASSIFIED, a, new AssetClassified(a.id, a.name, previous, a.own(),
                previousEffective, a.effective(), reason, cause, by.name(), by.id(), a.version));
    }

    public Uni<Void> statusChanged(Asset a, List<UUID> dependsOn, String from, Caller by) {
        return append(EventTypes.ASSET_STATUS_CHANGED, a,
                new AssetStatusChanged(snapshot(a, dependsOn), from, a.status.name(), by.name(), by.id()));
    }

    public Uni<Void> dependenciesChanged(Asset a, List<UUID> previous, List<UUID> current, Caller by) {
        return append(EventTypes.ASSET_DEPENDENCIES_CHANGED, a,
                new AssetDependenciesChanged(a.id, previous, current, by.name(), by.id()));
    }

    /** The asset's last state, as it was when deleted. */
    public Uni<Void> deleted(Asset a, List<UUID> dependsOn, Caller by) {
        return append(EventTypes.ASSET_DELETED, a, new AssetDeleted(a.id, a.name, snapshot(a, dependsOn), by.name(),
                by.id()));
    }

    /** The asset as it stands. */
    public static AssetSnapshot snapshot(Asset a, List<UUID> dependsOn) {
        return new AssetSnapshot(a.id, a.name, a.type.name(), a.owner, a.status.name(), a.own(), a.effective(),
                a.criticality, a.personalData, a.businessCritical, list(a.hostnames), list(a.ipAddresses),
                list(a.externalIds), List.copyOf(dependsOn), a.version, a.description, a.custodian, a.location,
                list(a.tags), a.reviewDate);
    }

    private Uni<Void> append(String type, Asset a, Object payload) {
        return outbox.append(envelope(type, a, payload));
    }

    private EventEnvelope envelope(String type, Asset a, Object payload) {
        return EventEnvelope.of(type, SOURCE, a.id.toString(), a.tenantId, Clocks.now(clock), payload);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
