package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.domain.Risk;
import org.isms.risk.messaging.RiskEvents;
import org.isms.risk.repository.RiskRepository;

/**
 * The reviews nobody asked for in person: an event on an asset of the risk, an acceptance that ran out, a
 * review date that passed (from the asset events consumer and the schedule).
 */
@ApplicationScoped
public class RiskReviews {
    private final RiskStore store;
    private final RiskRepository risks;
    private final ImpactProposals proposals;
    private final MethodologyService methodologies;
    private final RiskEvents events;

    public RiskReviews(RiskStore store, RiskRepository risks, ImpactProposals proposals,
            MethodologyService methodologies, RiskEvents events) {
        this.store = store;
        this.risks = risks;
        this.proposals = proposals;
        this.methodologies = methodologies;
        this.events = events;
    }

    /**
     * Flags every open risk on an asset for review (from an asset event, inside the inbox's transaction)
     * and proposes their impact again from the assets as they are now; a risk already flagged by the same
     * event is left alone. Flags change the version (ETag) but not {@code updatedBy/At}, which name the
     * last person to edit; the reason carries its own time. The number of risks flagged. Flags of different assets
     * run side by side: the register lock shared, the flagged risks locked.
     */
    public Uni<Integer> flagRisksOfAsset(String tenant, UUID assetId, ReviewReason reason) {
        return risks.lockTenantShared(tenant).chain(() -> risks.openOnAssetForUpdate(tenant, assetId))
                .chain(list -> methodologies.current(tenant).chain(cur -> {
                    List<Risk> flagged = list.stream().filter(r -> r.flag(reason)).toList();
                    return reproposed(tenant, cur.methodology(), flagged).chain(() -> Panache.flush())
                            .chain(() -> Multi.createFrom().iterable(flagged)
                                    .onItem().transformToUniAndConcatenate(r -> events.reviewRequired(r, reason))
                                    .collect().last())
                            .replaceWith(flagged.size());
                }));
    }

    /**
     * Flags every open risk whose treatment relies on the control for review (from a control event, inside the
     * inbox's transaction); a risk already flagged by the same event is left alone. As {@link #flagRisksOfAsset}:
     * the register lock shared, the flagged risks locked. The number of risks flagged.
     */
    public Uni<Integer> flagRisksOfControl(String tenant, String controlId, ReviewReason reason) {
        return risks.lockTenantShared(tenant).chain(() -> risks.openCallingForUpdate(tenant, controlId))
                .chain(list -> {
                    List<Risk> flagged = list.stream().filter(r -> r.flag(reason)).toList();
                    return Panache.flush()
                            .chain(() -> Multi.createFrom().iterable(flagged)
                                    .onItem().transformToUniAndConcatenate(r -> events.reviewRequired(r, reason))
                                    .collect().last())
                            .replaceWith(flagged.size());
                });
    }

    private Uni<Void> reproposed(String tenant, Methodology m, List<Risk> flagged) {
        if (flagged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return proposals.assetsOf(tenant, flagged)
                .invoke(byId -> flagged.forEach(r -> r.proposedImpact = proposals.propose(m, r, byId)))
                .replaceWithVoid();
    }

    /**
     * Re-opens accepted risks whose acceptance ran out: back to treatment, flagged, with both events.
     * Claims at most {@code batch} risks with {@code SKIP LOCKED}, so instances running it together never
     * act on the same risk. The number re-opened.
     */
    @WithTransaction
    public Uni<Integer> expireAcceptances(int batch) {
        OffsetDateTime now = store.now();
        return risks.claimExpiredAcceptances(now, batch).chain(list -> {
            List<Expiry> expired = new ArrayList<>();
            for (Risk r : list) {
                expired.add(new Expiry(r, r.expireAcceptance(now)));
            }
            return Panache.flush().chain(() -> Multi.createFrom().iterable(expired)
                    .onItem().transformToUniAndConcatenate(e -> events
                            .acceptanceExpired(e.risk(), e.expired().expiredAt())
                            .chain(() -> events.reviewRequired(e.risk(), e.expired().review())))
                    .collect().last()).replaceWith(expired.size());
        });
    }

    private record Expiry(Risk risk, Risk.Expired expired) {
    }

    /** Flags open risks whose review date has passed, once per due date; same claiming as above. */
    @WithTransaction
    public Uni<Integer> flagOverdueReviews(int batch) {
        OffsetDateTime now = store.now();
        return risks.claimOverdueReviews(store.today(), batch).chain(list -> {
            List<ReviewReason> reasons = new ArrayList<>();
            for (Risk r : list) {
                reasons.add(r.flagOverdueReview(now));
            }
            return Panache.flush().chain(() -> Multi.createFrom().range(0, list.size())
                    .onItem().transformToUniAndConcatenate(k -> events.reviewRequired(list.get(k), reasons.get(k)))
                    .collect().last()).replaceWith(list.size());
        });
    }
}
