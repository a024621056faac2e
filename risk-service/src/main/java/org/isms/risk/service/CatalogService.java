package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.Multi;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.Where;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;
import org.isms.risk.domain.CatalogBaseline;
import org.isms.risk.domain.CatalogEntry;
import org.isms.risk.domain.CatalogEntry.Kind;
import org.isms.risk.repository.CatalogRepository;
import org.isms.risk.messaging.RiskEvents;
import org.isms.risk.repository.RiskRepository;

/**
 * The threat and vulnerability catalogs. A tenant's catalogs are seeded with {@link CatalogBaseline} the
 * first time it touches them (exactly once, even when two requests race: {@code catalog_seed}'s key decides)
 * and are its own from then on. Reads run in a transaction because the first one may seed. Every entry added
 * (the baseline's too), changed or removed is an event on {@code isms.risk.events}.
 */
@ApplicationScoped
public class CatalogService {
    public static final String BASELINE_AUTHOR = "baseline";

    private final CatalogRepository entries;
    private final RiskRepository risks;
    private final RiskEvents events;
    private final Clock clock;

    public CatalogService(CatalogRepository entries, RiskRepository risks, RiskEvents events, Clock clock) {
        this.entries = entries;
        this.risks = risks;
        this.events = events;
        this.clock = clock;
    }

    /** What a client sets of an entry. */
    public record Draft(String code, String name, String category, String description) {
    }

    @WithTransaction
    public Uni<Page<CatalogEntry>> list(String tenant, Kind kind, String category, String q, PageRequest request) {
        Where where = Where.of().clause("kind = :kind", "kind", kind)
                .eq("lower(category)", "category", category == null ? null : category.strip().toLowerCase())
                .containsText("q", q, "lower(name)", "lower(code)", "lower(description)");
        return seed(tenant).chain(() -> entries.page(tenant, where, request));
    }

    @WithTransaction
    public Uni<CatalogEntry> get(String tenant, Kind kind, UUID id) {
        return seed(tenant).chain(() -> find(tenant, kind, id));
    }

    @WithTransaction
    public Uni<CatalogEntry> create(Caller by, Kind kind, Draft draft) {
        String tenant = by.tenant();
        return seed(tenant).chain(() -> requireUnique(tenant, kind, null, draft)).chain(() -> {
            CatalogEntry e = new CatalogEntry();
            e.id = UUID.randomUUID();
            e.tenantId = tenant;
            e.kind = kind;
            e.baseline = false;
            e.markCreated(by, now());
            apply(e, draft, by);
            return entries.persistAndFlush(e).call(() -> events.catalogEntryAdded(e, by));
        });
    }

    @WithTransaction
    public Uni<CatalogEntry> update(Caller by, Kind kind, UUID id, long version, Draft draft) {
        String tenant = by.tenant();
        return seed(tenant).chain(() -> find(tenant, kind, id)).chain(e -> {
            Preconditions.requireVersion(label(kind), e.version, version);
            return requireUnique(tenant, kind, id, draft).chain(() -> {
                Draft before = new Draft(e.code, e.name, e.category, e.description);
                apply(e, draft, by);
                if (before.equals(new Draft(e.code, e.name, e.category, e.description))) {
                    return Uni.createFrom().item(e); // nothing changed: no new version, no event
                }
                return Panache.flush().call(() -> events.catalogEntryChanged(e, by)).replaceWith(e);
            });
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller by, Kind kind, UUID id, long version) {
        String tenant = by.tenant();
        return seed(tenant).chain(() -> find(tenant, kind, id)).chain(e -> {
            Preconditions.requireVersion(label(kind), e.version, version);
            return risks.refersTo(id).chain(used -> {
                if (used) {
                    throw new ConflictException(label(kind) + " " + e.code + " is named by risks of the register;"
                            + " change those risks first");
                }
                return entries.delete(e).chain(() -> Panache.flush()).chain(() -> events.catalogEntryRemoved(e, by));
            });
        });
    }

    /** An entry of the tenant's catalog of that kind, for a risk to name; null when there is none. */
    public Uni<CatalogEntry> lookup(String tenant, Kind kind, UUID id) {
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return entries.findInTenant(tenant, id).map(e -> e != null && e.kind == kind ? e : null);
    }

    private Uni<CatalogEntry> find(String tenant, Kind kind, UUID id) {
        return lookup(tenant, kind, id).map(e -> {
            if (e == null) {
                throw new ResourceNotFoundException(label(kind), id.toString());
            }
            return e;
        });
    }

    private Uni<Void> requireUnique(String tenant, Kind kind, UUID self, Draft d) {
        return entries.count("tenantId = :tenant and kind = :kind and id <> :self"
                + " and (lower(code) = :code or lower(name) = :name)", Map.of("tenant", tenant, "kind", kind,
                        "self", self == null ? new UUID(0, 0) : self, "code", d.code().strip().toLowerCase(),
                        "name", d.name().strip().toLowerCase()))
                .invoke(n -> {
                    if (n > 0) {
                        throw new ConflictException("the " + label(kind) + " catalog already has an entry with code "
                                + d.code().strip() + " or name " + d.name().strip());
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> seed(String tenant) {
        return entries.seeded(tenant).chain(done -> done ? Uni.createFrom().voidItem()
                : entries.claimSeed(tenant).chain(mine -> {
                    if (!mine) {
                        return Uni.createFrom().voidItem();
                    }
                    OffsetDateTime now = now();
                    List<CatalogEntry> baseline = CatalogBaseline.ENTRIES.stream().map(b -> {
                        CatalogEntry e = new CatalogEntry();
                        e.id = UUID.randomUUID();
                        e.tenantId = tenant;
                        e.kind = b.kind();
                        e.code = b.code();
                        e.name = b.name();
                        e.category = b.category();
                        e.description = b.description();
                        e.baseline = true;
                        e.markCreated(BASELINE_AUTHOR, null, now);
                        return e;
                    }).toList();
                    return entries.persist(baseline.stream()).chain(Panache::flush)
                            .chain(() -> Multi.createFrom().iterable(baseline)
                                    .onItem().transformToUniAndConcatenate(e -> events.catalogEntryAdded(e, null))
                                    .collect().last());
                }));
    }

    private void apply(CatalogEntry e, Draft d, Caller by) {
        String code = d.code().strip();
        String name = d.name().strip();
        String category = d.category().strip();
        String description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
        if (code.equals(e.code) && name.equals(e.name) && category.equals(e.category)
                && java.util.Objects.equals(description, e.description)) {
            return;
        }
        e.code = code;
        e.name = name;
        e.category = category;
        e.description = description;
        e.markUpdated(by, now());
    }

    static String label(Kind kind) {
        return kind == Kind.THREAT ? "threat" : "vulnerability";
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }
}
