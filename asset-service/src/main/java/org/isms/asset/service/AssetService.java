package org.isms.asset.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetChange.Action;
import org.isms.asset.domain.AssetDependency;
import org.isms.asset.domain.AssetDraft;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;
import org.isms.asset.domain.Identifiers;
import org.isms.asset.messaging.AssetEvents;
import org.isms.asset.repository.AssetDependencyRepository;
import org.isms.asset.repository.AssetRepository;
import org.isms.events.asset.Cia;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.QueryParams;
import org.isms.platform.paging.KeysetPages;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The inventory's use cases. Every write runs in one transaction that takes the tenant's inventory
 * lock, changes the assets, recomputes the effective ratings the change reaches, records the history
 * and writes the events to the outbox: all of it commits, or none of it.
 */
@ApplicationScoped
public class AssetService {
    public static final int MAX_DEPENDENCIES = 100;

    private static final UUID NO_ID = new UUID(0, 0);

    private final AssetRepository assets;
    private final AssetDependencyRepository edges;
    private final AssetHistory history;
    private final AssetEvents events;
    private final Clock clock;
    private final int exportPage;

    public AssetService(AssetRepository assets, AssetDependencyRepository edges, AssetHistory history,
            AssetEvents events, Clock clock,
            @ConfigProperty(name = "isms.export.page-size", defaultValue = "500") int exportPage) {
        this.assets = assets;
        this.edges = edges;
        this.history = history;
        this.events = events;
        this.clock = clock;
        this.exportPage = exportPage;
    }

    /** An asset with the ids of the assets it depends on directly. */
    public record AssetDetails(Asset asset, List<UUID> dependsOn) {
    }

    /** The list filters; null means "any". {@code q} is matched in name, description and identifiers. */
    public record Filter(AssetType type, AssetStatus status, String owner, String tag, Integer minCriticality,
            Boolean personalData, String q) {
    }

    /** An asset of the dependency graph and how many edges away it is. */
    public record GraphNode(Asset asset, int depth) {
    }

    public record DependencyGraph(Asset asset, List<GraphNode> dependsOn, List<GraphNode> dependents) {
    }

    /** An asset an alert's identifiers point at, and which of them matched. */
    public record Match(Asset asset, List<String> matchedOn) {
    }

    /** A row of an import: its line in the file, the id the file gives it (may be null), and what it says. */
    public record ImportRow(int line, UUID fileId, AssetDraft draft) {
    }

    // ---------------------------------------------------------------------------------------------- reads

    @WithSession
    public Uni<AssetDetails> get(String tenant, UUID id) {
        return find(tenant, id).chain(a -> details(tenant, a));
    }

    @WithSession
    public Uni<Page<AssetDetails>> list(String tenant, Filter filter, PageRequest request) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        return assets.page(tenant, where, params, request).chain(page -> edges
                .dependsOn(tenant, page.items().stream().map(a -> a.id).toList())
                .map(deps -> page.map(a -> new AssetDetails(a, deps.get(a.id)))));
    }

    /**
     * Every asset the filter selects, for the CSV export, in name order, a page at a time: each page is read in
     * a session of its own (keyset, after the last name and id), with the dependencies of its assets only, so
     * memory stays bounded at any size. The pages are not one snapshot: a change made during a long export
     * shows in the pages read after it.
     */
    public Multi<List<AssetDetails>> exportPages(String tenant, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        params.put("tenant", tenant);
        String query = "tenantId = :tenant" + (where.isEmpty() ? "" : " and " + where);
        return KeysetPages.<AssetDetails>of(last -> {
            Map<String, Object> page = new HashMap<>(params);
            String after = last == null ? "" : KeysetPages.after("name", last.asset().name, last.asset().id, page);
            return assets.find(query + after, Sort.by("name").and("id"), page).page(0, exportPage).list()
                    .chain(list -> edges.dependsOn(tenant, list.stream().map(a -> a.id).toList())
                            .map(deps -> list.stream().map(a -> new AssetDetails(a, deps.get(a.id))).toList()));
        });
    }

    @WithSession
    public Uni<DependencyGraph> dependencies(String tenant, UUID id) {
        return find(tenant, id).chain(a -> assets.supporting(tenant, id).chain(down -> assets.dependents(tenant, id)
                .chain(up -> {
                    Set<UUID> all = new HashSet<>(down.keySet());
                    all.addAll(up.keySet());
                    return assets.findAllInTenant(tenant, all).map(found -> {
                        Map<UUID, Asset> byId = found.stream().collect(Collectors.toMap(x -> x.id, x -> x));
                        return new DependencyGraph(a, nodes(down, byId), nodes(up, byId));
                    });
                })));
    }

    @WithSession
    public Uni<Page<AssetHistory.Entry>> history(String tenant, UUID id, PageRequest request) {
        return find(tenant, id).chain(a -> history.page(tenant, id, request));
    }

    /** The assets a host name, an IP address or an external id points at, most critical first. */
    @WithSession
    public Uni<List<Match>> match(String tenant, String host, String ip, String externalId) {
        if (blank(host) && blank(ip) && blank(externalId)) {
            throw new InvalidInputException("host", "give at least one of host, ip, externalId");
        }
        String hostname = null;
        Set<String> hostnames = new LinkedHashSet<>();
        if (!blank(host)) {
            hostname = Identifiers.hostname(host.strip());
            if (hostname == null) {
                throw new InvalidInputException("host", "'" + host + "' is not a host name");
            }
            hostnames.add(hostname);
            hostnames.add(Identifiers.shortName(hostname));
        }
        byte[] address = null;
        if (!blank(ip)) {
            address = Identifiers.ipAddress(ip.strip());
            if (address == null) {
                throw new InvalidInputException("ip", "'" + ip + "' is not an IP address");
            }
        }
        String external = blank(externalId) ? null : externalId.strip().toLowerCase(java.util.Locale.ROOT);
        String canonicalIp = address == null ? null : Identifiers.ipOrNetwork(ip.strip());
        byte[] ipBytes = address;
        return assets.match(tenant, hostnames, canonicalIp, external, 100).map(found -> found.stream().map(a -> {
            List<String> on = new ArrayList<>();
            for (String h : a.hostnames) {
                if (hostnames.contains(h)) {
                    on.add("hostname:" + h);
                }
            }
            if (ipBytes != null) {
                for (String n : a.ipAddresses) {
                    if (Identifiers.contains(n, ipBytes)) {
                        on.add("ipAddress:" + n);
                    }
                }
            }
            if (external != null && List.of(a.externalIds).contains(external)) {
                on.add("externalId:" + external);
            }
            return new Match(a, on);
        }).toList());
    }

    // --------------------------------------------------------------------------------------------- writes

    @WithTransaction
    public Uni<AssetDetails> register(Caller by, AssetDraft input) {
        String tenant = by.tenant();
        AssetDraft draft = checked(input, "identifiers.", "tags");
        List<UUID> dependsOn = List.copyOf(new LinkedHashSet<>(draft.dependsOn()));
        Asset a = newAsset(UUID.randomUUID(), tenant, by, draft, now());
        return assets.lockTenant(tenant)
                .chain(() -> requireUniqueName(tenant, draft.name(), a.id))
                .chain(() -> requireDependencies(tenant, a.id, dependsOn))
                .chain(() -> assets.persist(a))
                .chain(() -> persistEdges(tenant, a.id, dependsOn))
                .chain(() -> Panache.flush())
                .chain(() -> history.record(a, Action.REGISTERED, by, null, null, AssetHistory.registered(a, dependsOn)))
                .chain(() -> events.registered(a, dependsOn, by))
                .chain(() -> closureOf(tenant, dependsOn))
                .chain(reached -> propagate(tenant, reached, a, "asset " + a.name + " registered depending on it", by))
                .map(x -> new AssetDetails(a, dependsOn));
    }

    @WithTransaction
    public Uni<AssetDetails> update(Caller by, UUID id, long version, AssetDraft input) {
        String tenant = by.tenant();
        AssetDraft draft = checked(input, "identifiers.", "tags");
        List<UUID> dependsOn = List.copyOf(new LinkedHashSet<>(draft.dependsOn()));
        return assets.lockTenant(tenant).chain(() -> find(tenant, id)).chain(a -> {
            Preconditions.requireVersion("asset " + id, a.version, version);
            requireChangeable(a);
            return requireUniqueName(tenant, draft.name(), id)
                    .chain(() -> requireDependencies(tenant, id, dependsOn))
                    .chain(() -> edges.dependsOn(tenant, List.of(id)))
                    .chain(current -> {
                        List<UUID> previous = current.get(id);
                        Map<String, Object> before = AssetHistory.describe(a);
                        apply(a, draft);
                        Map<String, Map<String, Object>> changes = AssetHistory.diff(before, AssetHistory.describe(a));
                        boolean depsChanged = !new HashSet<>(previous).equals(new HashSet<>(dependsOn));
                        if (changes.isEmpty() && !depsChanged) {
                            return Uni.createFrom().item(new AssetDetails(a, previous));
                        }
                        a.updatedBy = by.name();
                        a.updatedById = by.id();
                        a.updatedAt = now();
                        return (depsChanged ? replaceEdges(tenant, a.id, dependsOn) : Uni.createFrom().voidItem())
                                .chain(() -> Panache.flush())
                                .chain(() -> changes.isEmpty() ? Uni.createFrom().voidItem()
                                        : history.record(a, Action.UPDATED, by, null, null, changes)
                                                .chain(() -> events.updated(a, dependsOn, List.copyOf(changes.keySet()), by)))
                                .chain(() -> depsChanged ? history.record(a, Action.DEPENDENCIES_CHANGED, by, null, null,
                                        AssetHistory.change("dependsOn", previous, dependsOn))
                                        .chain(() -> events.dependenciesChanged(a, previous, dependsOn, by))
                                        .chain(() -> propagateDependencyChange(tenant, a, previous, dependsOn, by))
                                        : Uni.createFrom().voidItem())
                                .map(x -> new AssetDetails(a, dependsOn));
                    });
        });
    }

    @WithTransaction
    public Uni<AssetDetails> classify(Caller by, UUID id, long version, Cia cia, String reason) {
        String tenant = by.tenant();
        return assets.lockTenant(tenant).chain(() -> find(tenant, id)).chain(a -> {
            Preconditions.requireVersion("asset " + id, a.version, version);
            requireChangeable(a);
            Cia previous = a.own();
            Cia previousEffective = a.effective();
            if (previous.equals(cia)) {
                return details(tenant, a);
            }
            a.classify(cia);
            a.updatedBy = by.name();
            a.updatedById = by.id();
            a.updatedAt = now();
            return assets.supporting(tenant, id)
                    .chain(down -> {
                        Set<UUID> reached = new LinkedHashSet<>(down.keySet());
                        reached.add(id);
                        return recompute(tenant, reached);
                    })
                    .chain(changed -> history.record(a, Action.CLASSIFIED, by, reason, null,
                            AssetHistory.classification(previous, previousEffective, a))
                            .chain(() -> events.classified(a, previous, previousEffective, reason, null, by))
                            .chain(() -> announce(changed, a, "classification of " + a.name + " changed: " + reason, by)))
                    .chain(() -> details(tenant, a));
        });
    }

    @WithTransaction
    public Uni<AssetDetails> transition(Caller by, UUID id, AssetStatus to, Long version) {
        String tenant = by.tenant();
        return find(tenant, id).chain(a -> {
            if (version != null) {
                Preconditions.requireVersion("asset " + id, a.version, version);
            }
            if (!a.status.canMoveTo(to)) {
                throw new InvalidStateTransitionException("asset " + id, a.status, to, a.status.next());
            }
            AssetStatus from = a.status;
            a.status = to;
            a.updatedBy = by.name();
            a.updatedById = by.id();
            a.updatedAt = now();
            return Panache.flush()
                    .chain(() -> history.record(a, Action.STATUS_CHANGED, by, null, null,
                            AssetHistory.change("status", from, to)))
                    .chain(() -> details(tenant, a))
                    .call(d -> events.statusChanged(a, d.dependsOn(), from.name(), by));
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller by, UUID id, long version) {
        String tenant = by.tenant();
        return assets.lockTenant(tenant).chain(() -> find(tenant, id)).chain(a -> {
            Preconditions.requireVersion("asset " + id, a.version, version);
            return edges.directDependents(tenant, id).chain(dependents -> {
                if (!dependents.isEmpty()) {
                    return assets.findAllInTenant(tenant, dependents).map(list -> {
                        throw new ConflictException("asset " + id + " cannot be deleted while " + list.size()
                                + " asset(s) depend on it: " + names(list) + "; remove those dependencies first");
                    });
                }
                return edges.dependsOn(tenant, List.of(id)).chain(current -> {
                    List<UUID> previous = current.get(id);
                    return closureOf(tenant, previous)
                            .call(() -> history.record(a, Action.DELETED, by, null, null, AssetHistory.deleted(a, previous)))
                            .call(() -> events.deleted(a, previous, by))
                            .call(() -> edges.deleteFrom(tenant, id))
                            .call(() -> assets.delete(a))
                            .call(() -> Panache.flush())
                            .chain(reached -> propagate(tenant, reached, a, "asset " + a.name + " deleted", by));
                });
            });
        }).replaceWithVoid();
    }

    /**
     * Registers every row of an import, or none: all rows are checked first (the same rules as a single
     * registration, plus names unique within the file and no cycle among its rows), and any fault of
     * any row refuses the whole file with each fault and its line. {@code faults} are the rows' faults
     * found while reading the file. An id the file gives a row is only a reference for the file's own
     * {@code dependsOn}: imported assets get new ids, so an export can be imported into another tenant.
     */
    @WithTransaction
    public Uni<List<AssetDetails>> importAssets(Caller by, List<ImportRow> rows, List<FieldError> faults) {
        String tenant = by.tenant();
        List<FieldError> errors = new ArrayList<>(faults);
        List<ImportRow> good = new ArrayList<>();
        for (ImportRow row : rows) {
            try {
                good.add(new ImportRow(row.line(), row.fileId(), checked(row.draft(), "", "tags")));
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> errors.add(new FieldError(f.field(), f.message(), row.line())));
            }
        }
        Map<UUID, UUID> newIds = new LinkedHashMap<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        for (ListIterator<ImportRow> it = good.listIterator(); it.hasNext();) {
            ImportRow row = it.next();
            if (row.fileId() == null) { // nothing in the file can refer to it: any key will do
                row = new ImportRow(row.line(), UUID.randomUUID(), row.draft());
                it.set(row);
            }
            newIds.put(row.fileId(), UUID.randomUUID());
            Integer first = lineOfName.putIfAbsent(row.draft().name().toLowerCase(java.util.Locale.ROOT), row.line());
            if (first != null) {
                errors.add(new FieldError("name", "'" + row.draft().name() + "' is also on line " + first, row.line()));
            }
        }
        Map<UUID, Integer> lineOfId = new HashMap<>();
        for (ImportRow row : rows) {
            Integer first = row.fileId() == null ? null : lineOfId.putIfAbsent(row.fileId(), row.line());
            if (first != null) {
                errors.add(new FieldError("id", row.fileId() + " is on more than one line (also on line " + first + ")",
                        row.line()));
            }
        }
        Set<UUID> external = new LinkedHashSet<>();
        good.forEach(r -> r.draft().dependsOn().stream().filter(d -> !newIds.containsKey(d)).forEach(external::add));
        return assets.lockTenant(tenant)
                .chain(() -> assets.list("tenantId = :tenant and lower(name) in :names",
                        Map.of("tenant", tenant, "names", lineOfName.isEmpty() ? Set.of("") : lineOfName.keySet())))
                .chain(taken -> assets.findAllInTenant(tenant, external).map(found -> {
                    taken.forEach(t -> errors.add(new FieldError("name", "an asset named '" + t.name
                            + "' is already in the inventory", lineOfName.get(t.name.toLowerCase(java.util.Locale.ROOT)))));
                    Map<UUID, Asset> existing = found.stream().collect(Collectors.toMap(x -> x.id, x -> x));
                    for (ImportRow row : good) {
                        for (UUID d : row.draft().dependsOn()) {
                            if (d.equals(row.fileId())) {
                                errors.add(new FieldError("dependsOn", "an asset cannot depend on itself", row.line()));
                            } else if (!newIds.containsKey(d) && !existing.containsKey(d)) {
                                errors.add(new FieldError("dependsOn", "no asset " + d
                                        + " in the inventory or in this file", row.line()));
                            } else if (existing.containsKey(d) && existing.get(d).status == AssetStatus.DISPOSED) {
                                errors.add(new FieldError("dependsOn", "asset " + d
                                        + " is DISPOSED and cannot be depended on", row.line()));
                            }
                        }
                    }
                    ImportCycles.find(good).ifPresent(line -> errors.add(new FieldError("dependsOn",
                            "the rows' dependencies form a cycle", line)));
                    if (!errors.isEmpty()) {
                        errors.sort(java.util.Comparator.comparing((FieldError f) -> f.line() == null ? 0 : f.line())
                                .thenComparing(FieldError::field));
                        throw new InvalidInputException(errors.size() + " fault(s) in the file; nothing was imported",
                                errors);
                    }
                    return existing;
                }))
                .chain(existing -> createAll(tenant, by, good, newIds));
    }

    private Uni<List<AssetDetails>> createAll(String tenant, Caller by, List<ImportRow> rows, Map<UUID, UUID> newIds) {
        OffsetDateTime now = now();
        List<AssetDetails> created = new ArrayList<>();
        List<Asset> entities = new ArrayList<>();
        List<AssetDependency> links = new ArrayList<>();
        for (ImportRow row : rows) {
            Asset a = newAsset(newIds.get(row.fileId()), tenant, by, row.draft(), now);
            List<UUID> deps = row.draft().dependsOn().stream().map(d -> newIds.getOrDefault(d, d)).distinct().toList();
            deps.forEach(d -> links.add(new AssetDependency(tenant, a.id, d)));
            entities.add(a);
            created.add(new AssetDetails(a, deps));
        }
        Set<UUID> ids = entities.stream().map(a -> a.id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<UUID> targets = links.stream().map(l -> l.dependsOnId).filter(d -> !ids.contains(d))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return assets.persist(entities)
                .chain(() -> persistEdges(links))
                .chain(() -> Panache.flush())
                .chain(() -> closureOf(tenant, List.copyOf(targets)))
                .chain(reached -> {
                    Set<UUID> all = new LinkedHashSet<>(ids);
                    all.addAll(reached);
                    return recompute(tenant, all);
                })
                .chain(changed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (AssetDetails d : created) {
                        chain = chain.chain(() -> history.record(d.asset(), Action.REGISTERED, by, "imported", null,
                                AssetHistory.registered(d.asset(), d.dependsOn())))
                                .chain(() -> events.registered(d.asset(), d.dependsOn(), by));
                    }
                    List<EffectiveChange> others = changed.stream().filter(c -> !ids.contains(c.asset().id)).toList();
                    Asset cause = entities.isEmpty() ? null : entities.get(0);
                    return chain.chain(() -> cause == null ? Uni.createFrom().voidItem()
                            : announce(others, cause, "assets imported depending on it", by));
                })
                .map(x -> created);
    }

    // -------------------------------------------------------------------------------------------- helpers

    /** An asset whose effective ratings were recomputed and changed, with what they were. */
    record EffectiveChange(Asset asset, Cia previous) {
    }

    /**
     * Sets the effective ratings of these assets from the own ratings of everything upstream of them
     * (flushed first, so the query sees this transaction's changes) and flushes; returns the ones that changed.
     */
    private Uni<List<EffectiveChange>> recompute(String tenant, Set<UUID> ids) {
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

    /** Recomputes the assets a change of {@code cause} reached and announces the ones that changed. */
    private Uni<Void> propagate(String tenant, Set<UUID> reached, Asset cause, String reason, Caller by) {
        if (reached.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recompute(tenant, reached).chain(changed -> announce(changed, cause, reason, by));
    }

    private Uni<Void> propagateDependencyChange(String tenant, Asset a, List<UUID> previous, List<UUID> current,
            Caller by) {
        // the assets the old edges reached may drop, the ones the new edges reach may rise
        return closureOf(tenant, previous).chain(before -> closureOf(tenant, current).chain(after -> {
            Set<UUID> reached = new LinkedHashSet<>(before);
            reached.addAll(after);
            return propagate(tenant, reached, a, "dependencies of " + a.name + " changed", by);
        }));
    }

    /** History and a classified event for each asset whose effective ratings another asset's change moved. */
    private Uni<Void> announce(List<EffectiveChange> changed, Asset cause, String reason, Caller by) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EffectiveChange c : changed) {
            if (c.asset().id.equals(cause.id)) {
                continue;
            }
            chain = chain.chain(() -> history.record(c.asset(), Action.EFFECTIVE_CLASSIFICATION_CHANGED, by, reason,
                    cause.id, AssetHistory.change("effective", c.previous(), c.asset().effective())))
                    .chain(() -> events.classified(c.asset(), c.asset().own(), c.previous(), reason, cause.id, by));
        }
        return chain;
    }

    /** These assets and everything they depend on, transitively. */
    private Uni<Set<UUID>> closureOf(String tenant, List<UUID> ids) {
        Set<UUID> out = new LinkedHashSet<>(ids);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            chain = chain.chain(() -> assets.supporting(tenant, id).invoke(m -> out.addAll(m.keySet())).replaceWithVoid());
        }
        return chain.map(x -> out);
    }

    private Uni<Void> replaceEdges(String tenant, UUID id, List<UUID> current) {
        return edges.deleteFrom(tenant, id).chain(() -> Panache.flush()).chain(() -> persistEdges(tenant, id, current));
    }

    private Uni<Void> persistEdges(String tenant, UUID id, List<UUID> dependsOn) {
        return persistEdges(dependsOn.stream().map(d -> new AssetDependency(tenant, id, d)).toList());
    }

    private Uni<Void> persistEdges(List<AssetDependency> links) {
        return links.isEmpty() ? Uni.createFrom().voidItem() : edges.persist(links);
    }

    private Uni<Asset> find(String tenant, UUID id) {
        return assets.findInTenant(tenant, id).onItem().ifNull().failWith(() -> new ResourceNotFoundException("asset", id));
    }

    private Uni<AssetDetails> details(String tenant, Asset a) {
        return edges.dependsOn(tenant, List.of(a.id)).map(d -> new AssetDetails(a, d.get(a.id)));
    }

    private Uni<Void> requireUniqueName(String tenant, String name, UUID self) {
        return assets.findByName(tenant, name, self == null ? NO_ID : self).invoke(other -> {
            if (other != null) {
                throw new ConflictException("an asset named '" + other.name + "' is already in the inventory ("
                        + other.id + ")");
            }
        }).replaceWithVoid();
    }

    /** Each dependency exists in the tenant, is not disposed, and does not close a cycle. */
    private Uni<Void> requireDependencies(String tenant, UUID self, List<UUID> dependsOn) {
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

    private static void requireChangeable(Asset a) {
        if (a.status == AssetStatus.DISPOSED) {
            throw new ConflictException("asset " + a.id + " is DISPOSED; its record is kept as it was");
        }
    }

    /** The draft with its identifiers and tags checked and normalized; 400 listing every bad value. */
    private static AssetDraft checked(AssetDraft d, String identifiersPrefix, String tagsField) {
        var hosts = Identifiers.hostnames(d.hostnames(), identifiersPrefix + "hostnames");
        var ips = Identifiers.ipAddresses(d.ipAddresses(), identifiersPrefix + "ipAddresses");
        var externals = Identifiers.externalIds(d.externalIds(), identifiersPrefix + "externalIds");
        var tags = Identifiers.tags(d.tags(), tagsField);
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(tags.errors());
        errors.addAll(hosts.errors());
        errors.addAll(ips.errors());
        errors.addAll(externals.errors());
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.stream().map(f -> f.field() + ": " + f.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        return new AssetDraft(d.name().strip(), d.type(), d.description(), d.owner().strip(), d.custodian(),
                d.location(), tags.values(), d.status(), d.classification(), d.personalData(), d.businessCritical(),
                hosts.values(), ips.values(), externals.values(), d.dependsOn(), d.reviewDate());
    }

    private static Asset newAsset(UUID id, String tenant, Caller by, AssetDraft draft, OffsetDateTime now) {
        Asset a = new Asset();
        a.id = id;
        a.tenantId = tenant;
        a.status = draft.status() == null ? AssetStatus.PLANNED : draft.status();
        a.classify(draft.classification());
        apply(a, draft);
        a.createdBy = by.name();
        a.createdById = by.id();
        a.createdAt = now;
        a.updatedBy = by.name();
        a.updatedById = by.id();
        a.updatedAt = now;
        return a;
    }

    private static void apply(Asset a, AssetDraft d) {
        a.name = d.name();
        a.type = d.type();
        a.description = d.description();
        a.owner = d.owner();
        a.custodian = d.custodian();
        a.location = d.location();
        a.tags = d.tags().toArray(String[]::new);
        a.personalData = d.personalData();
        a.businessCritical = d.businessCritical();
        a.hostnames = d.hostnames().toArray(String[]::new);
        a.ipAddresses = d.ipAddresses().toArray(String[]::new);
        a.externalIds = d.externalIds().toArray(String[]::new);
        a.reviewDate = d.reviewDate();
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.type() != null) {
            clauses.add("type = :type");
            params.put("type", f.type());
        }
        if (f.status() != null) {
            clauses.add("status = :status");
            params.put("status", f.status());
        }
        if (!blank(f.owner())) {
            clauses.add("owner = :owner");
            params.put("owner", f.owner().strip());
        }
        if (!blank(f.tag())) {
            clauses.add("array_contains(tags, :tag)");
            params.put("tag", f.tag().strip());
        }
        if (f.minCriticality() != null) {
            if (f.minCriticality() < 1 || f.minCriticality() > 4) {
                throw new InvalidInputException("minCriticality", "must be between 1 and 4");
            }
            clauses.add("criticality >= :minCriticality");
            params.put("minCriticality", f.minCriticality());
        }
        if (f.personalData() != null) {
            clauses.add("personalData = :personalData");
            params.put("personalData", f.personalData());
        }
        if (!blank(f.q())) {
            clauses.add("searchText like :q escape '\\'");
            params.put("q", QueryParams.containsPattern(f.q()));
        }
        return String.join(" and ", clauses);
    }

    private static List<GraphNode> nodes(Map<UUID, Integer> depths, Map<UUID, Asset> byId) {
        return depths.entrySet().stream().filter(e -> byId.containsKey(e.getKey()))
                .map(e -> new GraphNode(byId.get(e.getKey()), e.getValue())).toList();
    }

    private static String names(List<Asset> list) {
        return list.stream().limit(5).map(x -> "'" + x.name + "' (" + x.id + ")").collect(Collectors.joining(", "))
                + (list.size() > 5 ? " and " + (list.size() - 5) + " more" : "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }
}
