package org.isms.asset.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetChange.Action;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.domain.AssetDraft;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.messaging.AssetEvents;
import org.isms.asset.repository.AssetDependencyRepository;
import org.isms.asset.repository.AssetRepository;
import org.isms.events.asset.Cia;
import org.isms.platform.error.ConflictException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The writes of one asset: register, update, classify, transition, delete. Each runs in one transaction that
 * changes the asset, has {@link AssetGraph} recompute the effective ratings the change reaches, records the
 * history and writes the events to the outbox: all of it commits, or none of it. The writes that read the
 * graph or the names take the tenant's inventory lock first.
 */
@ApplicationScoped
public class AssetCommands {
    private static final UUID NO_ID = new UUID(0, 0);

    private final AssetRepository assets;
    private final AssetDependencyRepository edges;
    private final AssetQueries queries;
    private final AssetGraph graph;
    private final AssetHistory history;
    private final AssetEvents events;
    private final Clock clock;

    public AssetCommands(AssetRepository assets, AssetDependencyRepository edges, AssetQueries queries,
            AssetGraph graph, AssetHistory history, AssetEvents events, Clock clock) {
        this.assets = assets;
        this.edges = edges;
        this.queries = queries;
        this.graph = graph;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<AssetDetails> register(Caller by, AssetDraft input) {
        String tenant = by.tenant();
        AssetDraft draft = input.checked("identifiers.", "tags");
        List<UUID> dependsOn = List.copyOf(new LinkedHashSet<>(draft.dependsOn()));
        Asset a = Asset.register(UUID.randomUUID(), tenant, by, draft, Clocks.now(clock));
        return assets.lockTenant(tenant)
                .chain(() -> requireUniqueName(tenant, draft.name(), a.id))
                .chain(() -> graph.requireDependencies(tenant, a.id, dependsOn))
                .chain(() -> assets.persist(a))
                .chain(() -> graph.persistEdges(tenant, a.id, dependsOn))
                .chain(() -> Panache.flush())
                .chain(() -> history.record(a, Action.REGISTERED, by, null, null, AssetHistory.registered(a, dependsOn)))
                .chain(() -> events.registered(a, dependsOn, by))
                .chain(() -> graph.closureOf(tenant, dependsOn))
                .chain(reached -> graph.propagate(tenant, reached, a, "asset " + a.name + " registered depending on it", by))
                .map(x -> new AssetDetails(a, dependsOn));
    }

    @WithTransaction
    public Uni<AssetDetails> update(Caller by, UUID id, long version, AssetDraft input) {
        String tenant = by.tenant();
        AssetDraft draft = input.checked("identifiers.", "tags");
        List<UUID> dependsOn = List.copyOf(new LinkedHashSet<>(draft.dependsOn()));
        return assets.lockTenant(tenant).chain(() -> queries.find(tenant, id)).chain(a -> {
            Preconditions.requireVersion("asset " + id, a.version, version);
            a.requireChangeable();
            return requireUniqueName(tenant, draft.name(), id)
                    .chain(() -> graph.requireDependencies(tenant, id, dependsOn))
                    .chain(() -> edges.dependsOn(tenant, List.of(id)))
                    .chain(current -> {
                        List<UUID> previous = current.get(id);
                        Map<String, Object> before = AssetHistory.describe(a);
                        a.apply(draft);
                        Map<String, Map<String, Object>> changes = AssetHistory.diff(before, AssetHistory.describe(a));
                        boolean depsChanged = !new HashSet<>(previous).equals(new HashSet<>(dependsOn));
                        if (changes.isEmpty() && !depsChanged) {
                            return Uni.createFrom().item(new AssetDetails(a, previous));
                        }
                        a.markUpdated(by, Clocks.now(clock));
                        return (depsChanged ? graph.replaceEdges(tenant, a.id, dependsOn) : Uni.createFrom().voidItem())
                                .chain(() -> Panache.flush())
                                .chain(() -> changes.isEmpty() ? Uni.createFrom().voidItem()
                                        : history.record(a, Action.UPDATED, by, null, null, changes)
                                                .chain(() -> events.updated(a, dependsOn, List.copyOf(changes.keySet()), by)))
                                .chain(() -> depsChanged ? history.record(a, Action.DEPENDENCIES_CHANGED, by, null, null,
                                        AssetHistory.change("dependsOn", previous, dependsOn))
                                        .chain(() -> events.dependenciesChanged(a, previous, dependsOn, by))
                                        .chain(() -> graph.propagateDependencyChange(tenant, a, previous, dependsOn, by))
                                        : Uni.createFrom().voidItem())
                                .map(x -> new AssetDetails(a, dependsOn));
                    });
        });
    }

    /**
     * Reclassifications run side by side: each holds the inventory lock shared (the graph cannot change under it)
     * and locks the rows of what it reaches, so only those sharing an asset wait for each other.
     */
    @WithTransaction
    public Uni<AssetDetails> classify(Caller by, UUID id, long version, Cia cia, String reason) {
        String tenant = by.tenant();
        return assets.lockTenantShared(tenant).chain(() -> graph.reachOfReclassification(tenant, id))
                .chain(reach -> assets.lockForUpdate(tenant, reach).chain(() -> queries.find(tenant, id))
                        .chain(a -> reclassify(by, a, version, cia, reason, reach)));
    }

    /** The asset's own ratings changed, and what it reaches recomputed, with the rows of {@code reach} locked. */
    private Uni<AssetDetails> reclassify(Caller by, Asset a, long version, Cia cia, String reason, Set<UUID> reach) {
        Preconditions.requireVersion("asset " + a.id, a.version, version);
        a.requireChangeable();
        Cia previous = a.own();
        Cia previousEffective = a.effective();
        if (previous.equals(cia)) {
            return queries.details(a.tenantId, a);
        }
        a.classify(cia);
        a.markUpdated(by, Clocks.now(clock));
        return graph.recompute(a.tenantId, reach)
                .chain(changed -> history.record(a, Action.CLASSIFIED, by, reason, null,
                        AssetHistory.classification(previous, previousEffective, a))
                        .chain(() -> events.classified(a, previous, previousEffective, reason, null, by))
                        .chain(() -> graph.announce(changed, a, "classification of " + a.name + " changed: " + reason, by)))
                .chain(() -> queries.details(a.tenantId, a));
    }

    @WithTransaction
    public Uni<AssetDetails> transition(Caller by, UUID id, AssetStatus to, Long version) {
        String tenant = by.tenant();
        return queries.find(tenant, id).chain(a -> {
            if (version != null) {
                Preconditions.requireVersion("asset " + id, a.version, version);
            }
            AssetStatus from = a.moveTo(to);
            a.markUpdated(by, Clocks.now(clock));
            return Panache.flush()
                    .chain(() -> history.record(a, Action.STATUS_CHANGED, by, null, null,
                            AssetHistory.change("status", from, to)))
                    .chain(() -> queries.details(tenant, a))
                    .call(d -> events.statusChanged(a, d.dependsOn(), from.name(), by));
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller by, UUID id, long version) {
        String tenant = by.tenant();
        return assets.lockTenant(tenant).chain(() -> queries.find(tenant, id)).chain(a -> {
            Preconditions.requireVersion("asset " + id, a.version, version);
            return graph.requireNoDependents(tenant, id)
                    .chain(() -> edges.dependsOn(tenant, List.of(id)))
                    .chain(current -> {
                        List<UUID> previous = current.get(id);
                        return graph.closureOf(tenant, previous)
                                .call(() -> history.record(a, Action.DELETED, by, null, null, AssetHistory.deleted(a, previous)))
                                .call(() -> events.deleted(a, previous, by))
                                .call(() -> edges.deleteFrom(tenant, id))
                                .call(() -> assets.delete(a))
                                .call(() -> Panache.flush())
                                .chain(reached -> graph.propagate(tenant, reached, a, "asset " + a.name + " deleted", by));
                    });
        }).replaceWithVoid();
    }

    private Uni<Void> requireUniqueName(String tenant, String name, UUID self) {
        return assets.findByName(tenant, name, self == null ? NO_ID : self).invoke(other -> {
            if (other != null) {
                throw new ConflictException("an asset named '" + other.name + "' is already in the inventory ("
                        + other.id + ")");
            }
        }).replaceWithVoid();
    }
}
