package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.FlushMode;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.time.Clocks;
import org.isms.platform.tenancy.Caller;
import org.isms.risk.domain.AssetProjection;
import org.isms.risk.domain.Risk;
import org.isms.risk.messaging.RiskEvents;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.ResidualProposal;
import org.isms.risk.repository.AssetProjectionRepository;
import org.isms.risk.repository.ControlProjectionRepository;
import org.isms.risk.repository.RiskRepository;

/**
 * What the register's use cases share: loading a risk in the tenant, the skeleton of every change to one
 * risk, the names of its assets, and the clock.
 */
@ApplicationScoped
class RiskStore {
    private final RiskRepository risks;
    private final AssetProjectionRepository assets;
    private final RiskEvents events;
    private final UserDirectory directory;
    private final ControlProjectionRepository controls;
    private final MethodologyService methodologies;
    private final Clock clock;

    RiskStore(RiskRepository risks, AssetProjectionRepository assets, RiskEvents events, UserDirectory directory,
            ControlProjectionRepository controls, MethodologyService methodologies, Clock clock) {
        this.risks = risks;
        this.assets = assets;
        this.events = events;
        this.directory = directory;
        this.controls = controls;
        this.methodologies = methodologies;
        this.clock = clock;
    }

    /**
     * Loads the risk under the tenant's lock, checks the version and who may change it, then applies the
     * change. An owner named before they were known to the ISMS gets their stable id here, once they are.
     */
    Uni<RiskDetails> write(Caller actor, UUID id, Long version, Function<Risk, Uni<RiskDetails>> change) {
        // every change flushes itself before writing its events: no query in between may flush half of it (a
        // bound owner id, say) and make one request two versions
        return Panache.getSession().invoke(s -> s.setFlushMode(FlushMode.COMMIT))
                .chain(() -> risks.lockTenant(actor.tenant())).chain(() -> find(actor.tenant(), id)).chain(r -> {
            if (version != null) {
                Preconditions.requireVersion("Risk " + id, r.version, version);
            }
            return bindOwner(r).chain(() -> {
                if (!actor.officer() && !r.ownedBy(actor.id(), actor.name())) {
                    throw new ForbiddenActionException("a risk owner acts on their own risks only; " + actor.name()
                            + " may not change a risk owned by " + r.owner);
                }
                return change.apply(r);
            });
        });
    }

    private Uni<Void> bindOwner(Risk r) {
        if (r.ownerId != null) {
            return Uni.createFrom().voidItem();
        }
        return directory.idOf(r.tenantId, r.owner).invoke(ownerId -> {
            r.ownerId = ownerId;
            r.ownerBound = ownerId != null;
        }).replaceWithVoid();
    }

    /** The tenant's risk; 404 when it has none of that id. */
    Uni<Risk> find(String tenant, UUID id) {
        return risks.findInTenant(tenant, id).map(r -> {
            if (r == null) {
                throw new ResourceNotFoundException("risk", id.toString());
            }
            return r;
        });
    }

    /**
     * The risks with the names of their assets and the residual their controls propose, in the order given. Two
     * more queries (the methodology, the controls) only when a risk's plan names controls.
     */
    Uni<List<RiskDetails>> details(String tenant, List<Risk> list) {
        Set<UUID> ids = new LinkedHashSet<>();
        list.forEach(r -> ids.addAll(r.assets()));
        Set<String> controlIds = new LinkedHashSet<>();
        list.forEach(r -> controlIds.addAll(r.controlIds == null ? List.of() : List.of(r.controlIds)));
        Uni<Methodology> methodology = controlIds.isEmpty() ? Uni.createFrom().nullItem()
                : methodologies.current(tenant).map(MethodologyService.Current::methodology);
        return assets.findAllInTenant(tenant, ids).chain(found -> methodology.chain(m -> controls.byId(tenant, controlIds)
                .map(known -> {
                    Map<UUID, AssetProjection> byId = new HashMap<>();
                    found.forEach(a -> byId.put(a.assetId, a));
                    return list.stream().map(r -> new RiskDetails(r, r.assets().stream().map(byId::get)
                            .filter(a -> a != null).toList(), m == null ? null : ResidualProposal.of(m, r, known)))
                            .toList();
                })));
    }

    /** Flushes the change (its events carry the new version), then the risk as the API shows it. */
    Uni<RiskDetails> flushed(Risk r) {
        return Panache.flush().chain(() -> details(r.tenantId, List.of(r))).map(l -> l.get(0));
    }

    /** The acceptance-voided event, when an acceptance was voided. */
    Uni<Void> voided(Risk r, Risk.Voided voided, Caller actor) {
        return voided == null ? Uni.createFrom().voidItem()
                : events.acceptanceVoided(r, voided, voided.reason(), actor);
    }

    OffsetDateTime now() {
        return Clocks.now(clock);
    }

    /** Today (UTC), for due dates and the overdue filter. */
    LocalDate today() {
        return Clocks.today(clock);
    }
}
