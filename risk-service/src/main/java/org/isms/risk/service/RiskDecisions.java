package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.tenancy.Caller;
import org.isms.risk.domain.Methodology.Pair;
import org.isms.risk.domain.PlanItem;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.TreatmentOption;
import org.isms.risk.messaging.RiskEvents;

/**
 * A risk through its cycle: assessed, treated, accepted, reviewed, closed. Each use case takes the tenant's
 * register lock, lets the risk decide under the current methodology ({@link Risk} refuses what its status does
 * not allow) and writes the events to the outbox, in one transaction.
 *
 * <p>Segregation of duties: an acceptance is approved by an officer or admin who does not own the risk (by
 * stable user id), and it holds only for what was accepted. A later change of the owner, the assets, the
 * affected properties, the threat or vulnerability, the assessment or the treatment plan voids it: the risk
 * goes back to treatment, is flagged for review with the reason, and {@code acceptance-voided} says so.
 */
@ApplicationScoped
public class RiskDecisions {
    private final RiskStore store;
    private final MethodologyService methodologies;
    private final RiskEvents events;

    public RiskDecisions(RiskStore store, MethodologyService methodologies, RiskEvents events) {
        this.store = store;
        this.methodologies = methodologies;
        this.events = events;
    }

    /** An assessment as a client gives it: inherent and optionally residual likelihood and impact, and why. */
    public record Assessment(Pair inherent, Pair residual, String reason) {
    }

    /**
     * Sets the inherent (and optionally residual) likelihood and impact under the current methodology.
     * IDENTIFIED becomes ASSESSED; an assessment that changes what was accepted voids the acceptance.
     */
    @WithTransaction
    public Uni<RiskDetails> assess(Caller actor, UUID id, long version, Assessment a) {
        return store.write(actor, id, version, r -> methodologies.current(actor.tenant()).chain(cur -> {
            OffsetDateTime now = store.now();
            Risk.Assessed assessed = r.assess(cur.methodology(), cur.version(), a.inherent(), a.residual(),
                    store.today(), now);
            r.markUpdated(actor, now);
            String reason = a.reason() == null || a.reason().isBlank() ? "assessed" : a.reason().strip();
            return store.flushed(r).call(() -> events.assessed(r, assessed.before(), reason, actor))
                    .call(() -> store.voided(r, assessed.voided(), actor));
        }));
    }

    /** Sets the treatment option and plan; the risk must be assessed. */
    @WithTransaction
    public Uni<RiskDetails> treat(Caller actor, UUID id, long version, TreatmentOption option, List<PlanItem> plan) {
        return store.write(actor, id, version, r -> {
            OffsetDateTime now = store.now();
            Risk.Voided voided = r.treat(option, plan, now);
            r.markUpdated(actor, now);
            return store.flushed(r).call(() -> events.treatmentPlanned(r, actor))
                    .call(() -> store.voided(r, voided, actor));
        });
    }

    /**
     * Records the approval of the residual risk. Only an officer or admin who does not own the risk
     * approves, only a risk whose plan retains it or leaves it above appetite, until {@code expiresAt}: in the
     * future and no further ahead than the methodology's {@code maxAcceptanceDays}. An owner named before they
     * used the ISMS (no stable id yet) is compared by name only, so no acceptance is approved until they have.
     */
    @WithTransaction
    public Uni<RiskDetails> accept(Caller actor, UUID id, long version, String justification, OffsetDateTime expiresAt) {
        if (!actor.officer()) {
            throw new ForbiddenActionException("only a security officer or an ISMS admin may accept a risk");
        }
        OffsetDateTime now = store.now();
        // refused before the risk is loaded: a date in the past is wrong whatever the risk
        Risk.requireFutureExpiry(expiresAt, now);
        return store.write(actor, id, version, r -> methodologies.current(actor.tenant()).chain(cur -> {
            r.accept(actor.name(), actor.id(), justification, expiresAt, cur.methodology(), now);
            r.markUpdated(actor, now);
            return store.flushed(r).call(() -> events.accepted(r));
        }));
    }

    /** Clears the review flag: the reviewer looked at the risk; the next review is due by its level. */
    @WithTransaction
    public Uni<RiskDetails> review(Caller actor, UUID id, Long version, String comment) {
        return store.write(actor, id, version, r -> methodologies.current(actor.tenant()).chain(cur -> {
            OffsetDateTime now = store.now();
            r.review(actor.name(), actor.id(), cur.methodology(), store.today(), now);
            r.markUpdated(actor, now);
            String text = comment == null || comment.isBlank() ? null : comment.strip();
            return store.flushed(r).call(() -> events.reviewed(r, text));
        }));
    }

    /** Closes a risk that no longer applies, with the reason. */
    @WithTransaction
    public Uni<RiskDetails> close(Caller actor, UUID id, long version, String reason) {
        return store.write(actor, id, version, r -> {
            r.close(reason);
            r.markUpdated(actor, store.now());
            return store.flushed(r).call(() -> events.closed(r, r.closedReason, actor));
        });
    }
}
