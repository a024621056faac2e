package org.isms.asset.service;

import org.isms.asset.domain.AssetDetails;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetChange.Action;
import org.isms.asset.domain.AssetDependency;
import org.isms.asset.domain.AssetDraft;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.messaging.AssetEvents;
import org.isms.asset.repository.AssetRepository;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/** The CSV import: the rows of a file registered in one transaction, all of them or none. */
@ApplicationScoped
public class AssetImport {
    private final AssetRepository assets;
    private final AssetGraph graph;
    private final AssetHistory history;
    private final AssetEvents events;
    private final Clock clock;

    public AssetImport(AssetRepository assets, AssetGraph graph, AssetHistory history, AssetEvents events,
            Clock clock) {
        this.assets = assets;
        this.graph = graph;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    /** A row of an import: its line in the file, the id the file gives it (may be null), and what it says. */
    public record ImportRow(int line, UUID fileId, AssetDraft draft) {
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
                good.add(new ImportRow(row.line(), row.fileId(), row.draft().checked("", "tags")));
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
            Integer first = lineOfName.putIfAbsent(row.draft().name().toLowerCase(Locale.ROOT), row.line());
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
                            + "' is already in the inventory", lineOfName.get(t.name.toLowerCase(Locale.ROOT)))));
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
                        errors.sort(Comparator.comparing((FieldError f) -> f.line() == null ? 0 : f.line())
                                .thenComparing(FieldError::field));
                        throw new InvalidInputException(errors.size() + " fault(s) in the file; nothing was imported",
                                errors);
                    }
                    return existing;
                }))
                .chain(existing -> createAll(tenant, by, good, newIds));
    }

    private Uni<List<AssetDetails>> createAll(String tenant, Caller by, List<ImportRow> rows, Map<UUID, UUID> newIds) {
        OffsetDateTime now = Clocks.now(clock);
        List<AssetDetails> created = new ArrayList<>();
        List<Asset> entities = new ArrayList<>();
        List<AssetDependency> links = new ArrayList<>();
        for (ImportRow row : rows) {
            Asset a = Asset.register(newIds.get(row.fileId()), tenant, by, row.draft(), now);
            List<UUID> deps = row.draft().dependsOn().stream().map(d -> newIds.getOrDefault(d, d)).distinct().toList();
            deps.forEach(d -> links.add(new AssetDependency(tenant, a.id, d)));
            entities.add(a);
            created.add(new AssetDetails(a, deps));
        }
        Set<UUID> ids = entities.stream().map(a -> a.id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<UUID> targets = links.stream().map(l -> l.dependsOnId).filter(d -> !ids.contains(d))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return assets.persist(entities)
                .chain(() -> graph.persistEdges(links))
                .chain(() -> Panache.flush())
                .chain(() -> graph.closureOf(tenant, List.copyOf(targets)))
                .chain(reached -> {
                    Set<UUID> all = new LinkedHashSet<>(ids);
                    all.addAll(reached);
                    return graph.recompute(tenant, all);
                })
                .chain(changed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (AssetDetails d : created) {
                        chain = chain.chain(() -> history.record(d.asset(), Action.REGISTERED, by, "imported", null,
                                AssetHistory.registered(d.asset(), d.dependsOn())))
                                .chain(() -> events.registered(d.asset(), d.dependsOn(), by));
                    }
                    List<AssetGraph.EffectiveChange> others = changed.stream().filter(c -> !ids.contains(c.asset().id))
                            .toList();
                    Asset cause = entities.isEmpty() ? null : entities.get(0);
                    return chain.chain(() -> cause == null ? Uni.createFrom().voidItem()
                            : graph.announce(others, cause, "assets imported depending on it", by));
                })
                .map(x -> created);
    }
}
