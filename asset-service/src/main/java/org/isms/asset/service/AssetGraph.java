package org.isms.asset.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.domain.AssetChange.Action;
import org.isms.asset.domain.AssetDependency;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.messaging.AssetEvents;
import org.isms.asset.repository.AssetDependencyRepository;
import org.isms.asset.repository.AssetRepository;
import org.isms.events.asset.Cia;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.tenancy.Caller;

/**
 * The dependency graph and the effective ratings it carries (the maximum principle): which edges may be added
 * or removed, and, after a change, the effective ratings of every asset it reaches recomputed and, for each one
 * that moved, announced. Runs inside the transaction of the use case that calls it, which holds the tenant's
 * inventory lock.
 */
@ApplicationScoped
public class AssetGraph {
    public static final int MAX_DEPENDENCIES = 100;

    private final AssetRepository assets;
    private final AssetDependencyRepository edges;
    private final AssetHistory history;
    private final AssetEvents events;

    public AssetGraph(AssetRepository assets, AssetDependencyRepository edges, AssetHistory history,
            AssetEvents events) {
        this.assets = assets;
        this.edges = edges;
        this.history = history;
        this.events = events;
    }

    /** An asset whose effective ratings were recomputed and changed, with what they were. */
    record EffectiveChange(Asset asset, Cia previous) {
    }

    /** Each dependency exists in the tenant, is not disposed, and does not close a cycle. */
    Uni<Void> requireDependencies(String tenant, UUID self, List<UUID> dependsOn) {
        if (dependsOn.size() > MAX_DEPENDENCIES) {
            throw new InvalidInputException("dependsOn", "at most " + MAX_DEPENDENCIES + " dependencies");
        }
        if (dependsOn.contains(self)) {
            throw new ConflictException("asset " + self + " cannot depend on itself");
        }
        if (dependsOn.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return assets.findAllInTenant(tenant, dependsOn).chain(found -> {
            Map<UUID, Asset> byId = found.stream().collect(Collectors.toMap(x -> x.id, x -> x));
            List<FieldError> unknown = new ArrayList<>();
            for (int i = 0; i < dependsOn.size(); i++) {
                if (!byId.containsKey(dependsOn.get(i))) {
                    unknown.add(new FieldError("dependsOn[" + i + "]", "no asset " + dependsOn.get(i) + " in the inventory"));
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(unknown.stream().map(FieldError::message).collect(Collectors.joining("; ")),
                        unknown);
            }
            List<Asset> disposed = found.stream().filter(x -> x.status == AssetStatus.DISPOSED).toList();
            if (!disposed.isEmpty()) {
                throw new ConflictException("disposed assets cannot be depended on: " + names(disposed));
            }
            return assets.dependents(tenant, self).map(up -> {
                List<Asset> cycle = found.stream().filter(x -> up.containsKey(x.id)).toList();
                if (!cycle.isEmpty()) {
                    throw new ConflictException("dependency cycle: " + names(cycle)
                            + " already depend(s) on this asset, directly or through others");
                }
                return null;
            });
        }).replaceWithVoid();
    }

    /** 409 while any asset depends on this one: removing it would leave their dependencies dangling. */
    Uni<Void> requireNoDependents(String tenant, UUID id) {
        return edges.directDependents(tenant, id).chain(dependents -> {
            if (dependents.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return assets.findAllInTenant(tenant, dependents).<Void>map(list -> {
                throw new ConflictException("asset " + id + " cannot be deleted while " + list.size()
                        + " asset(s) depend on it: " + names(list) + "; remove those dependencies first");
            });
        });
    }

    Uni<Void> persistEdges(String tenant, UUID id, List<UUID> dependsOn) {
        return persistEdges(dependsOn.stream().map(d -> new AssetDependency(tenant, id, d)).toList());
    }

    Uni<Void> persistEdges(List<AssetDependency> links) {
        return links.isEmpty() ? Uni.createFrom().voidItem() : edges.persist(links);
    }

    Uni<Void> replaceEdges(String tenant, UUID id, List<UUID> current) {
        return edges.deleteFrom(tenant, id).chain(() -> Panache.flush()).chain(() -> persistEdges(tenant, id, current));
    }

    /** These assets and everything they depend on, transitively. */
    Uni<Set<UUID>> closureOf(String tenant, List<UUID> ids) {
        Set<UUID> out = new LinkedHashSet<>(ids);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            chain = chain.chain(() -> assets.supporting(tenant, id).invoke(m -> out.addAll(m.keySet())).replaceWithVoid());
        }
        return chain.map(x -> out);
    }

    /**
     * Sets the effective ratings of these assets from the own ratings of everything upstream of them
     * (flushed first, so the query sees this transaction's changes) and flushes; returns the ones that changed.
     */
    Uni<List<EffectiveChange>> recompute(String tenant, Set<UUID> ids) {
        return Panache.flush().chain(() -> assets.maxOwnRatingsUpstream(tenant, ids))
                .chain(max -> assets.findAllInTenant(tenant, ids).map(found -> {
                    List<EffectiveChange> changed = new ArrayList<>();
                    for (Asset a : found) {
                        Cia before = a.effective();
                        Cia after = max.get(a.id);
                        if (after != null && !after.equals(before)) {
                            a.setEffective(after);
                            changed.add(new EffectiveChange(a, before));
                        }
                    }
                    return changed;
                }))
                .call(() -> Panache.flush());
    }

    /**
     * What a change of the asset's own ratings reaches: the asset and everything it depends on, which the change
     * may raise or lower. Any two reclassifications whose reaches are disjoint change no rating the other reads:
     * an asset's effective ratings come from the assets that depend on it, and each of those has it in its reach.
     */
    Uni<Set<UUID>> reachOfReclassification(String tenant, UUID id) {
        return assets.supporting(tenant, id).map(down -> {
            Set<UUID> reached = new LinkedHashSet<>(down.keySet());
            reached.add(id);
            return reached;
        });
    }

    /** Recomputes the assets a change of {@code cause} reached and announces the ones that changed. */
    Uni<Void> propagate(String tenant, Set<UUID> reached, Asset cause, String reason, Caller by) {
        if (reached.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recompute(tenant, reached).chain(changed -> announce(changed, cause, reason, by));
    }

    Uni<Void> propagateDependencyChange(String tenant, Asset a, List<UUID> previous, List<UUID> current, Caller by) {
        // the assets the old edges reached may drop, the ones the new edges reach may rise
        return closureOf(tenant, previous).chain(before -> closureOf(tenant, current).chain(after -> {
            Set<UUID> reached = new LinkedHashSet<>(before);
            reached.addAll(after);
            return propagate(tenant, reached, a, "dependencies of " + a.name + " changed", by);
        }));
    }

    /**
     * History and a classified event for each asset whose effective ratings another asset's change moved: the
     * entries in one statement and the events in another per part of {@link Batches#SIZE}, not two per asset (a
     * change near the root of a large graph moves many).
     */
    Uni<Void> announce(List<EffectiveChange> changed, Asset cause, String reason, Caller by) {
        List<EffectiveChange> moved = changed.stream().filter(c -> !c.asset().id.equals(cause.id)).toList();
        return Batches.inParts(moved, part -> history.recordAll(part.stream()
                .map(c -> history.entryOf(c.asset(), Action.EFFECTIVE_CLASSIFICATION_CHANGED, by, reason, cause.id,
                        AssetHistory.change("effective", c.previous(), c.asset().effective())))
                .toList())
                .chain(() -> events.appendAll(part.stream()
                        .map(c -> events.classifiedEvent(c.asset(), c.asset().own(), c.previous(), reason, cause.id, by))
                        .toList())));
    }

    /**
     * The maximum principle over the new assets of an import, in one pass over its rows before anything is written,
     * so each is inserted with its final effective ratings: the highest own ratings among it and the new assets
     * that depend on it, directly or through others (no existing asset can depend on a new one). The rows are taken
     * dependents first (Kahn's order; the import refused cycles), each passing its ratings to what it depends on.
     * Returns, for each existing asset a new one depends on directly, the highest effective ratings of the new
     * assets that do: what the import brings to the existing graph ({@link #raiseImported}). Linear in rows and edges.
     */
    static Map<UUID, Cia> rateImported(List<AssetDetails> created) {
        Map<UUID, AssetDetails> byId = new HashMap<>();
        created.forEach(d -> byId.put(d.asset().id, d));
        Map<UUID, Integer> waiting = new HashMap<>(); // per new asset: the new assets depending on it not yet taken
        for (AssetDetails d : created) {
            for (UUID dep : d.dependsOn()) {
                if (byId.containsKey(dep)) {
                    waiting.merge(dep, 1, Integer::sum);
                }
            }
        }
        Deque<AssetDetails> ready = new ArrayDeque<>();
        created.stream().filter(d -> !waiting.containsKey(d.asset().id)).forEach(ready::add);
        Map<UUID, Cia> reaching = new LinkedHashMap<>();
        int taken = 0;
        while (!ready.isEmpty()) {
            AssetDetails d = ready.poll();
            taken++;
            Cia effective = d.asset().effective(); // final: every new asset depending on it was taken before
            for (UUID dep : d.dependsOn()) {
                AssetDetails target = byId.get(dep);
                if (target == null) {
                    reaching.merge(dep, effective, AssetGraph::highest);
                } else {
                    target.asset().raiseEffective(effective);
                    if (waiting.merge(dep, -1, Integer::sum) == 0) {
                        ready.add(target);
                    }
                }
            }
        }
        if (taken != created.size()) {
            throw new IllegalStateException("the imported rows' dependencies form a cycle"); // refused before
        }
        return reaching;
    }

    /**
     * Carries what an import brings to the existing assets it depends on ({@link #rateImported}) down everything
     * they depend on, in one recursive query, and raises each existing asset it reaches that has to rise, in one
     * statement per part; each raised asset gets its history entry and classified event with {@code cause}, as a
     * single registration's would. Raising suffices, with no recompute from scratch: an import only adds assets
     * that depend on existing ones, and every write keeps the effective ratings at the maximum upstream.
     * Returns how many existing assets moved ({@code cause} is not read when nothing reaches them).
     */
    Uni<Integer> raiseImported(String tenant, Map<UUID, Cia> reaching, Asset cause, String reason, Caller by) {
        if (reaching.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return assets.highestFromSeeds(tenant, reaching)
                .chain(floor -> assets.findAllDetached(tenant, floor.keySet()).chain(found -> {
                    List<EffectiveChange> changed = new ArrayList<>();
                    for (Asset a : found) {
                        Cia before = a.effective();
                        if (a.raiseEffective(floor.get(a.id))) {
                            changed.add(new EffectiveChange(a, before));
                        }
                    }
                    List<Asset> raised = changed.stream().map(EffectiveChange::asset).toList();
                    return Batches.inParts(raised, part -> assets.updateEffective(tenant, part))
                            .chain(() -> announce(changed, cause, reason, by))
                            .replaceWith(changed.size());
                }));
    }

    private static Cia highest(Cia a, Cia b) {
        return new Cia(Math.max(a.confidentiality(), b.confidentiality()), Math.max(a.integrity(), b.integrity()),
                Math.max(a.availability(), b.availability()));
    }

    private static String names(List<Asset> list) {
        return list.stream().limit(5).map(x -> "'" + x.name + "' (" + x.id + ")").collect(Collectors.joining(", "))
                + (list.size() > 5 ? " and " + (list.size() - 5) + " more" : "");
    }
}
