package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.FlushMode;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.MethodologyVersion;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.RiskLevel;
import org.isms.risk.messaging.RiskEvents;
import org.isms.risk.repository.MethodologyRepository;
import org.isms.risk.repository.RiskRepository;

/**
 * The tenants' risk assessment methods. A tenant without one of its own uses {@link Methodology#defaults()}
 * as version 0. A change is a new version ({@code isms.methodology.changed.v1}); it re-rates every open risk
 * in the same transaction, each risk whose level moves gets an {@code isms.risk.assessed.v1} saying why, and
 * an accepted risk whose level moved loses its acceptance (it was an acceptance of another level).
 */
@ApplicationScoped
public class MethodologyService {
    private final MethodologyRepository methodologies;
    private final RiskRepository risks;
    private final ImpactProposals proposals;
    private final RiskEvents events;
    private final Clock clock;

    public MethodologyService(MethodologyRepository methodologies, RiskRepository risks, ImpactProposals proposals,
            RiskEvents events, Clock clock) {
        this.methodologies = methodologies;
        this.risks = risks;
        this.proposals = proposals;
        this.events = events;
        this.clock = clock;
    }

    /** A version of a tenant's methodology; {@code changedBy} is null for the built-in default. */
    public record Current(int version, Methodology methodology, String changedBy, String changedById,
            OffsetDateTime changedAt, String reason) {
    }

    @WithSession
    public Uni<Current> get(String tenant) {
        return current(tenant);
    }

    @WithSession
    public Uni<List<Current>> versions(String tenant) {
        return methodologies.versions(tenant).map(stored -> {
            List<Current> all = new ArrayList<>(stored.stream().map(MethodologyService::current).toList());
            all.add(new Current(0, Methodology.defaults(), null, null, null, "built-in default"));
            return all;
        });
    }

    @WithSession
    public Uni<Current> version(String tenant, int version) {
        if (version == 0) {
            return Uni.createFrom().item(new Current(0, Methodology.defaults(), null, null, null, "built-in default"));
        }
        return methodologies.version(tenant, version).map(stored -> {
            if (stored == null) {
                throw new ResourceNotFoundException("risk methodology version", String.valueOf(version));
            }
            return current(stored);
        });
    }

    /** The current version, inside the caller's session. */
    public Uni<Current> current(String tenant) {
        return methodologies.current(tenant).map(stored -> stored == null
                ? new Current(0, Methodology.defaults(), null, null, null, "built-in default")
                : current(stored));
    }

    @WithTransaction
    public Uni<Current> change(Caller by, long expectedVersion, Methodology next, String reason) {
        var faults = next.faults();
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the methodology cannot be used: " + faults.get(0).field() + " "
                    + faults.get(0).message() + (faults.size() > 1 ? " (and " + (faults.size() - 1) + " more)" : ""),
                    faults);
        }
        String tenant = by.tenant();
        String name = UserDirectory.normalize(by.name());
        OffsetDateTime now = Clocks.now(clock);
        return risks.lockTenant(tenant).chain(() -> current(tenant)).chain(cur -> {
            Preconditions.requireVersion("The risk methodology", cur.version(), expectedVersion);
            int version = cur.version() + 1;
            String why = "methodology changed to version " + version
                    + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
            return risks.open(tenant).chain(open -> {
                requireScalesFit(open, next);
                // the new version is inserted by the flush below, with the re-rated risks
                return methodologies.persist(MethodologyVersion.of(tenant, version, next, name, by.id(), now, reason))
                        .chain(() -> proposals.assetsOf(tenant, open))
                        .chain(assets -> {
                            List<Rerated> moved = new ArrayList<>();
                            for (Risk r : open) {
                                RiskLevel before = r.level;
                                boolean changed = r.rate(next, version);
                                r.proposedImpact = proposals.propose(next, r, assets);
                                if (changed) {
                                    Risk.Voided voided = r.level != before ? r.voidAcceptance(why, now) : null;
                                    r.markUpdated(by, now);
                                    moved.add(new Rerated(r, before, voided));
                                }
                            }
                            // flushed once; the event inserts must not flush (dirty-check) every re-rated risk again
                            return Panache.flush().chain(Panache::getSession)
                                    .invoke(session -> session.setFlushMode(FlushMode.COMMIT))
                                    .chain(() -> events.methodologyChanged(tenant, version, next, reason, moved.size(), by))
                                    .chain(() -> Multi.createFrom().iterable(moved)
                                    .onItem().transformToUniAndConcatenate(m -> events.assessed(m.risk(), m.before(), why, by)
                                            .chain(() -> m.voided() == null ? Uni.createFrom().voidItem()
                                                    : events.acceptanceVoided(m.risk(), m.voided(), why, by)))
                                    .collect().last());
                        })
                        .map(x -> new Current(version, next, name, by.id(), now, reason));
            });
        });
    }

    private record Rerated(Risk risk, RiskLevel before, Risk.Voided voided) {
    }

    /** A risk assessed at a likelihood or impact the new scales lack cannot be re-rated: refuse, naming them. */
    private static void requireScalesFit(List<Risk> open, Methodology next) {
        List<String> misfits = open.stream().filter(r -> !fits(r.inherentLikelihood, r.inherentImpact, next)
                || !fits(r.residualLikelihood, r.residualImpact, next)).map(r -> r.title).toList();
        if (!misfits.isEmpty()) {
            throw new ConflictException(misfits.size() + " open risk(s) are assessed at a likelihood or impact the new "
                    + "scales do not have (" + String.join(", ", misfits.subList(0, Math.min(5, misfits.size())))
                    + (misfits.size() > 5 ? ", …" : "") + "); re-assess them within the new scales first");
        }
    }

    private static boolean fits(Integer likelihood, Integer impact, Methodology m) {
        return likelihood == null || (m.hasLikelihood(likelihood) && m.hasImpact(impact));
    }

    private static Current current(MethodologyVersion stored) {
        return new Current(stored.version, stored.methodology(), stored.changedBy, stored.changedById, stored.changedAt,
                stored.reason);
    }
}
