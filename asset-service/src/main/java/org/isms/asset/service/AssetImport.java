package org.isms.asset.service;

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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetChange;
import org.isms.asset.domain.AssetChange.Action;
import org.isms.asset.domain.AssetDependency;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.domain.AssetDraft;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.messaging.AssetEvents;
import org.isms.asset.repository.AssetDependencyRepository;
import org.isms.asset.repository.AssetRepository;
import org.isms.events.asset.Cia;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The CSV import: the rows of a file registered in one transaction, all of them or none. Its cost grows with the
 * file, not faster: the checks that need the inventory are one query each for the whole file (names, dependencies),
 * the effective ratings are computed once for the file ({@link AssetGraph#rateImported}, {@link
 * AssetGraph#raiseImported}), and assets, edges, history entries and events are written a thousand rows a statement
 * ({@link Batches}), never a statement per row.
 */
@ApplicationScoped
public class AssetImport {
    private final AssetRepository assets;
    private final AssetDependencyRepository edges;
    private final AssetGraph graph;
    private final AssetHistory history;
    private final AssetEvents events;
    private final Clock clock;

    public AssetImport(AssetRepository assets, AssetDependencyRepository edges, AssetGraph graph, AssetHistory history,
            AssetEvents events, Clock clock) {
        this.assets = assets;
        this.edges = edges;
        this.graph = graph;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    /** A row of an import: its line in the file, the id the file gives it (may be null), and what it says. */
    public record ImportRow(int line, UUID fileId, AssetDraft draft) {
    }

    /**
     * What an import did: how many data rows of the file were checked, the assets registered (in the file's
     * order), how many dependencies they were registered with, and how many existing assets' effective ratings
     * they raised.
     */
    public record Imported(int checked, List<AssetDetails> assets, int dependencies, int reclassified) {
    }

    /**
     * Registers every row of an import, or none: all rows are checked first (the same rules as a single
     * registration, plus names unique within the file and no cycle among its rows), and any fault of
     * any row refuses the whole file with each fault and its line. {@code faults} are the rows' faults
     * found while reading the file. An id the file gives a row is only a reference for the file's own
     * {@code dependsOn}: imported assets get new ids, so an export can be imported into another tenant.
     */
    @WithTransaction
    public Uni<Imported> importAssets(Caller by, List<ImportRow> rows, List<FieldError> faults) {
        String tenant = by.tenant();
        // every data row either became a row here or has a fault of its line from the reading
        int checked = rows.size() + (int) faults.stream().map(FieldError::line).filter(Objects::nonNull).distinct().count();
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
        Map<String, Integer> lineOfName = new LinkedHashMap<>();
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
        // one query for all the file's names and one for all the existing assets it names, whatever its size
        return assets.lockTenant(tenant)
                .chain(() -> assets.namesTaken(tenant, lineOfName.keySet()))
                .chain(taken -> assets.statuses(tenant, external).map(existing -> {
                    taken.forEach((name, holder) -> errors.add(new FieldError("name", "an asset named '" + holder
                            + "' is already in the inventory", lineOfName.get(name))));
                    for (ImportRow row : good) {
                        for (UUID d : row.draft().dependsOn()) {
                            if (d.equals(row.fileId())) {
                                errors.add(new FieldError("dependsOn", "an asset cannot depend on itself", row.line()));
                            } else if (!newIds.containsKey(d) && !existing.containsKey(d)) {
                                errors.add(new FieldError("dependsOn", "no asset " + d
                                        + " in the inventory or in this file", row.line()));
                            } else if (existing.containsKey(d) && existing.get(d) == AssetStatus.DISPOSED) {
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
                        throw new InvalidInputException(errors.size() + " fault(s) in the file (" + checked
                                + " rows checked); nothing was imported", errors);
                    }
                    return existing;
                }))
                .chain(existing -> createAll(tenant, by, good, newIds, checked));
    }

    private Uni<Imported> createAll(String tenant, Caller by, List<ImportRow> rows, Map<UUID, UUID> newIds, int checked) {
        OffsetDateTime now = Clocks.now(clock);
        List<AssetDetails> created = new ArrayList<>(rows.size());
        List<AssetDependency> links = new ArrayList<>();
        for (ImportRow row : rows) {
            Asset a = Asset.register(newIds.get(row.fileId()), tenant, by, row.draft(), now);
            List<UUID> deps = row.draft().dependsOn().stream().map(d -> newIds.getOrDefault(d, d)).distinct().toList();
            deps.forEach(d -> links.add(new AssetDependency(tenant, a.id, d)));
            created.add(new AssetDetails(a, deps));
        }
        // the maximum principle over the file first, in memory: every asset is inserted with its final ratings, so
        // nothing is inserted and then updated (and a new asset's first version is 0, as for a registration)
        Map<UUID, Cia> reaching = AssetGraph.rateImported(created);
        List<Asset> entities = created.stream().map(AssetDetails::asset).toList();
        Asset cause = entities.isEmpty() ? null : entities.get(0); // nothing reaches existing assets from no rows
        // the assets before the edges (their foreign keys), then per part the history and the events: an entry
        // and an event per asset as a registration writes them, in the file's order
        return Batches.inParts(entities, assets::insertAll)
                .chain(() -> Batches.inParts(links, edges::insertAll))
                .chain(() -> Batches.inParts(created, part -> history.recordAll(registrations(part, by))
                        .chain(() -> events.registeredAll(part, by))))
                .chain(() -> graph.raiseImported(tenant, reaching, cause, "assets imported depending on it", by))
                .map(reclassified -> new Imported(checked, created, links.size(), reclassified));
    }

    private List<AssetChange> registrations(List<AssetDetails> part, Caller by) {
        return part.stream().map(d -> history.entryOf(d.asset(), Action.REGISTERED, by, "imported", null,
                AssetHistory.registered(d.asset(), d.dependsOn()))).toList();
    }
}
