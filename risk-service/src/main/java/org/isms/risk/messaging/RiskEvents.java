package org.isms.risk.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.risk.RiskAcceptanceExpired;
import org.isms.events.risk.RiskAccepted;
import org.isms.events.risk.RiskAssessed;
import org.isms.events.risk.RiskClosed;
import org.isms.events.risk.RiskIdentified;
import org.isms.events.risk.RiskReviewRequired;
import org.isms.events.risk.RiskReviewed;
import org.isms.events.risk.RiskSnapshot;
import org.isms.events.risk.RiskTreatmentPlanned;
import org.isms.platform.outbox.Outbox;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.RiskLevel;

/**
 * The risk events of {@code isms.risk.events}, written to the outbox in the transaction of the change
 * they describe. Call after the change is flushed, so the snapshot carries the new version.
 */
@ApplicationScoped
public class RiskEvents {
    public static final String SOURCE = "/isms/risk-service";

    private final Outbox outbox;

    public RiskEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> identified(Risk r, String by) {
        return append(EventTypes.RISK_IDENTIFIED, r, new RiskIdentified(snapshot(r), by));
    }

    public Uni<Void> assessed(Risk r, RiskLevel previousLevel, String reason, String by) {
        return append(EventTypes.RISK_ASSESSED, r,
                new RiskAssessed(snapshot(r), previousLevel == null ? null : previousLevel.name(), reason, by));
    }

    public Uni<Void> treatmentPlanned(Risk r, String by) {
        return append(EventTypes.RISK_TREATMENT_PLANNED, r, new RiskTreatmentPlanned(snapshot(r), by));
    }

    public Uni<Void> accepted(Risk r) {
        return append(EventTypes.RISK_ACCEPTED, r, new RiskAccepted(snapshot(r), r.acceptanceApprover,
                r.acceptanceJustification, r.acceptanceExpiresAt));
    }

    public Uni<Void> acceptanceExpired(Risk r, OffsetDateTime expiredAt) {
        return append(EventTypes.RISK_ACCEPTANCE_EXPIRED, r, new RiskAcceptanceExpired(snapshot(r), expiredAt));
    }

    public Uni<Void> reviewRequired(Risk r, ReviewReason reason) {
        return append(EventTypes.RISK_REVIEW_REQUIRED, r,
                new RiskReviewRequired(snapshot(r), reason.reason(), reason.causeType(), reason.causeEventId()));
    }

    public Uni<Void> reviewed(Risk r, String comment) {
        return append(EventTypes.RISK_REVIEWED, r, new RiskReviewed(snapshot(r), r.lastReviewedBy, comment));
    }

    public Uni<Void> closed(Risk r, String reason, String by) {
        return append(EventTypes.RISK_CLOSED, r, new RiskClosed(snapshot(r), reason, by));
    }

    public static RiskSnapshot snapshot(Risk r) {
        return new RiskSnapshot(r.id, r.title, r.status.name(), r.owner, r.assets(), name(r.inherentLevel),
                name(r.residualLevel), r.treatmentOption == null ? null : r.treatmentOption.name(),
                Arrays.asList(r.controlIds), r.aboveAppetite, r.version);
    }

    private Uni<Void> append(String type, Risk r, Object payload) {
        return outbox.append(EventEnvelope.of(type, SOURCE, r.id.toString(), r.tenantId, payload));
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
