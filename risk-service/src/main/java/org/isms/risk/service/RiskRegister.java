package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.tenancy.Caller;
import org.isms.risk.domain.AssetProjection;
import org.isms.risk.domain.CatalogEntry.Kind;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.RiskScope;
import org.isms.risk.messaging.RiskEvents;
import org.isms.risk.repository.AssetProjectionRepository;
import org.isms.risk.repository.RiskRepository;

/**
 * Recording, describing and removing risks: what a risk is about (title, assets, threat, vulnerability,
 * owner, affected properties), checked against the tenant's inventory and catalogs. A risk owner names only
 * themselves as the owner; officers and admins name anyone.
 */
@ApplicationScoped
public class RiskRegister {
    public static final int MAX_ASSETS = 50;

    private final RiskStore store;
    private final RiskRepository risks;
    private final AssetProjectionRepository assets;
    private final CatalogService catalogs;
    private final MethodologyService methodologies;
    private final RiskEvents events;
    private final UserDirectory directory;

    public RiskRegister(RiskStore store, RiskRepository risks, AssetProjectionRepository assets,
            CatalogService catalogs, MethodologyService methodologies, RiskEvents events, UserDirectory directory) {
        this.store = store;
        this.risks = risks;
        this.assets = assets;
        this.catalogs = catalogs;
        this.methodologies = methodologies;
        this.events = events;
        this.directory = directory;
    }

    /** What a client sets of a risk (create and replace). */
    public record Draft(String title, String description, List<UUID> assetIds, UUID threatId, UUID vulnerabilityId,
            String owner, List<String> cia) {
    }

    @WithTransaction
    public Uni<RiskDetails> create(Caller actor, Draft draft) {
        String owner = UserDirectory.normalize(draft.owner());
        requireOwnership(actor, owner, "create a risk owned by " + owner);
        OffsetDateTime now = store.now();
        return risks.lockTenant(actor.tenant()).chain(() -> checkReferences(actor.tenant(), draft))
                .chain(found -> ownerIdOf(actor, owner).chain(ownerId -> methodologies.current(actor.tenant())
                        .chain(cur -> {
                            Risk r = Risk.identified(actor.tenant(), actor, now);
                            apply(r, draft, owner, ownerId);
                            r.proposedImpact = ImpactProposals.propose(cur.methodology(), draft.cia(), found);
                            r.rate(cur.methodology(), cur.version());
                            return risks.persistAndFlush(r).chain(() -> events.identified(r, actor))
                                    .replaceWith(new RiskDetails(r, found));
                        })));
    }

    /**
     * Replaces the descriptive fields and the scope. A change of scope (owner, assets, affected properties,
     * threat, vulnerability) voids an acceptance: what was accepted is no longer what the risk is.
     */
    @WithTransaction
    public Uni<RiskDetails> update(Caller actor, UUID id, long version, Draft draft) {
        String owner = UserDirectory.normalize(draft.owner());
        return store.write(actor, id, version, r -> {
            requireOwnership(actor, owner, "give the risk to " + owner);
            r.requireOpen("changed");
            return checkReferences(actor.tenant(), draft).chain(found -> ownerIdOf(actor, owner)
                    .chain(ownerId -> methodologies.current(actor.tenant()).chain(cur -> {
                        Map<String, Object> before = describe(r);
                        RiskScope scope = r.scope();
                        apply(r, draft, owner, owner.equals(r.owner) && r.ownerId != null ? r.ownerId : ownerId);
                        r.proposedImpact = ImpactProposals.propose(cur.methodology(), draft.cia(), found);
                        List<String> changed = new ArrayList<>(describe(r).entrySet().stream()
                                .filter(e -> !Objects.equals(before.get(e.getKey()), e.getValue()))
                                .map(Map.Entry::getKey).toList());
                        if (r.ownerBound && !changed.contains("owner")) {
                            changed.add("ownerId"); // nothing else may have changed, but the risk has a new version
                        }
                        if (changed.isEmpty()) {
                            return Uni.createFrom().item(new RiskDetails(r, found));
                        }
                        OffsetDateTime now = store.now();
                        r.markUpdated(actor, now);
                        Risk.Voided voided = r.rescoped(scope, now);
                        return Panache.flush().chain(() -> events.updated(r, changed, actor))
                                .chain(() -> store.voided(r, voided, actor))
                                .replaceWith(new RiskDetails(r, found));
                    })));
        });
    }

    /**
     * Removes a risk from the register (entered by mistake); others close it instead. The delete is flushed
     * first, then {@code isms.risk.deleted.v1} carries the risk as it was, at its final version.
     */
    @WithTransaction
    public Uni<Void> delete(Caller actor, UUID id, long version) {
        return store.write(actor, id, version, r -> risks.delete(r).chain(() -> Panache.flush())
                .chain(() -> events.deleted(r, actor)).replaceWith(new RiskDetails(r, List.of())))
                .replaceWithVoid();
    }

    /** A risk owner may only name themselves as the owner; officers and admins name anyone. */
    private static void requireOwnership(Caller actor, String owner, String what) {
        if (!actor.officer() && !actor.name().equals(owner)) {
            throw new ForbiddenActionException("a risk owner acts on their own risks only; " + actor.name()
                    + " may not " + what);
        }
    }

    /** The stable id of the named owner: the caller's own when they name themselves, else the directory's (or null). */
    private Uni<String> ownerIdOf(Caller actor, String owner) {
        return owner.equals(actor.name()) ? Uni.createFrom().item(actor.id()) : directory.idOf(actor.tenant(), owner);
    }

    /** The risk's assets and catalog entries must exist in the tenant; the assets found. */
    private Uni<List<AssetProjection>> checkReferences(String tenant, Draft d) {
        Set<UUID> ids = new LinkedHashSet<>(d.assetIds());
        return assets.findAllInTenant(tenant, ids).chain(found -> {
            Set<UUID> known = new LinkedHashSet<>();
            found.stream().filter(a -> !a.deleted).forEach(a -> known.add(a.assetId));
            List<FieldError> faults = new ArrayList<>();
            int k = 0;
            for (UUID id : d.assetIds()) {
                if (!known.contains(id)) {
                    faults.add(new FieldError("assetIds[" + k + "]", "no asset " + id + " in this tenant's inventory", null));
                }
                k++;
            }
            return catalogs.lookup(tenant, Kind.THREAT, d.threatId()).chain(t -> catalogs
                    .lookup(tenant, Kind.VULNERABILITY, d.vulnerabilityId()).map(v -> {
                        if (d.threatId() != null && t == null) {
                            faults.add(new FieldError("threatId", "no threat " + d.threatId() + " in this tenant's catalog", null));
                        }
                        if (d.vulnerabilityId() != null && v == null) {
                            faults.add(new FieldError("vulnerabilityId", "no vulnerability " + d.vulnerabilityId()
                                    + " in this tenant's catalog", null));
                        }
                        if (!faults.isEmpty()) {
                            throw new InvalidInputException("the risk names what this tenant does not have: "
                                    + faults.get(0).message(), faults);
                        }
                        return found.stream().filter(a -> !a.deleted).toList();
                    }));
        });
    }

    private static void apply(Risk r, Draft d, String owner, String ownerId) {
        r.title = d.title().strip();
        r.description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
        r.assetIds = new LinkedHashSet<>(d.assetIds()).stream().map(UUID::toString).toArray(String[]::new);
        r.threatId = d.threatId();
        r.vulnerabilityId = d.vulnerabilityId();
        r.owner = owner;
        r.ownerId = ownerId;
        r.cia = List.of("C", "I", "A").stream().filter(d.cia()::contains).toArray(String[]::new);
    }

    /** The fields a PUT replaces, to tell which changed. */
    private static Map<String, Object> describe(Risk r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", r.title);
        m.put("description", r.description);
        m.put("assetIds", List.of(r.assetIds));
        m.put("threatId", r.threatId);
        m.put("vulnerabilityId", r.vulnerabilityId);
        m.put("owner", r.owner);
        m.put("cia", List.of(r.cia));
        return m;
    }
}
