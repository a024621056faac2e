package org.isms.risk.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.MalformedEventException;
import org.isms.events.control.ControlEffectivenessAssessed;
import org.isms.events.control.ControlSnapshot;
import org.isms.events.control.EvidenceExpired;
import org.isms.events.control.EvidenceSnapshot;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.repository.ControlProjectionRepository;

/**
 * Applies control events to the control projection, inside the inbox's transaction, and flags the open risks relying
 * on a control for review when an assessment finds it INEFFECTIVE (once per event; not again while it stays so) or
 * when evidence of it expires.
 * Every control event carries the control's state after the change; an event older than the state held changes
 * nothing and flags nothing.
 */
@ApplicationScoped
public class ControlProjectionService {
    private static final Set<String> TYPES = Set.of(EventTypes.CONTROL_ADDED, EventTypes.CONTROL_DEFINITION_CHANGED,
            EventTypes.CONTROL_IMPLEMENTATION_CHANGED,
            EventTypes.CONTROL_APPLICABILITY_CHANGED, EventTypes.CONTROL_EFFECTIVENESS_ASSESSED,
            EventTypes.EVIDENCE_EXPIRED);
    private static final String INEFFECTIVE = "INEFFECTIVE";

    /** What every control event's data has: the control after the change. */
    record WithControl(ControlSnapshot control) {
    }

    private final ControlProjectionRepository controls;
    private final RiskReviews reviews;

    public ControlProjectionService(ControlProjectionRepository controls, RiskReviews reviews) {
        this.controls = controls;
        this.reviews = reviews;
    }

    /** Whether this is a control event type that carries a control (the SoA's publication does not). */
    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    public Uni<Void> apply(EventEnvelope event) {
        if (EventTypes.EVIDENCE_EXPIRED.equals(event.type())) {
            return evidenceExpired(event);
        }
        ControlSnapshot c = event.payload(WithControl.class).control();
        if (c == null || c.controlId() == null || c.title() == null || c.status() == null || c.effectiveness() == null
                || c.effectiveness().result() == null) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type()
                    + ") lacks control.controlId, title, status or effectiveness", null);
        }
        if (!c.controlId().equals(event.subject())) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type()
                    + ") lacks control.controlId equal to the subject", null);
        }
        if (!EventTypes.CONTROL_EFFECTIVENESS_ASSESSED.equals(event.type())) {
            return controls.apply(event, c).replaceWithVoid();
        }
        ControlEffectivenessAssessed assessed = event.payload(ControlEffectivenessAssessed.class);
        boolean turnedIneffective = INEFFECTIVE.equals(c.effectiveness().result())
                && !INEFFECTIVE.equals(assessed.previous());
        return controls.apply(event, c).chain(n -> n == 0 || !turnedIneffective ? Uni.createFrom().voidItem()
                : reviews.flagRisksOfControl(event.tenant(), c.controlId(), new ReviewReason(
                        ReviewReason.Kind.CONTROL_INEFFECTIVE, "control " + c.controlId() + " " + c.title()
                                + " assessed ineffective" + (c.effectiveness().assessedBy() == null ? ""
                                        : " by " + c.effectiveness().assessedBy())
                                + (c.effectiveness().method() == null ? "" : " (" + c.effectiveness().method() + ")"),
                        event.time(), event.type(), event.id())).replaceWithVoid());
    }

    /** The risks relying on each control the expired evidence supported are flagged (once per event and risk). */
    private Uni<Void> evidenceExpired(EventEnvelope event) {
        EvidenceExpired expired = event.payload(EvidenceExpired.class);
        EvidenceSnapshot e = expired.evidence();
        if (e == null || e.evidenceId() == null || e.controlIds() == null || e.title() == null) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type()
                    + ") lacks evidence.evidenceId, title or controlIds", null);
        }
        if (!e.evidenceId().toString().equals(event.subject())) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type()
                    + ") lacks evidence.evidenceId equal to the subject", null);
        }
        // only the controls the expiry left without any valid evidence (an event without the list: all of its controls)
        List<String> lost = expired.controlsWithoutEvidence() == null ? e.controlIds() : expired.controlsWithoutEvidence();
        return Multi.createFrom().iterable(lost).onItem().transformToUniAndConcatenate(c -> reviews
                .flagRisksOfControl(event.tenant(), c, new ReviewReason(ReviewReason.Kind.CONTROL_EVIDENCE_EXPIRED,
                        "evidence '" + e.title() + "' of control " + c + " expired (valid until " + e.expiresAt() + ")",
                        event.time(), event.type(), event.id())))
                .collect().last().replaceWithVoid();
    }
}
