package org.isms.risk.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.risk.CatalogEntryAdded;
import org.isms.events.risk.CatalogEntryChanged;
import org.isms.events.risk.CatalogEntryRemoved;
import org.isms.events.risk.CatalogEntrySnapshot;
import org.isms.events.risk.MethodologyChanged;
import org.isms.events.risk.RiskAcceptanceExpired;
import org.isms.events.risk.RiskAcceptanceVoided;
import org.isms.events.risk.RiskAccepted;
import org.isms.events.risk.RiskAssessed;
import org.isms.events.risk.RiskClosed;
import org.isms.events.risk.RiskDeleted;
import org.isms.events.risk.RiskIdentified;
import org.isms.events.risk.RiskReviewRequired;
import org.isms.events.risk.RiskReviewed;
import org.isms.events.risk.RiskSnapshot;
import org.isms.events.risk.RiskTreatmentPlanned;
import org.isms.events.risk.RiskUpdated;
import org.isms.platform.outbox.Outbox;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;
import org.isms.risk.domain.CatalogEntry;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.RiskLevel;

/**
 * The events of {@code isms.risk.events}: the register's, the methodology's and the catalogs', written to
 * the outbox in the transaction of the change they describe. Call after the change is flushed, so the
 * snapshot carries the new version. {@code by} names who changed it (user name and stable id); a change the
 * schedule or an asset event makes carries none.
 */
@ApplicationScoped
public class RiskEvents {
    public static final String SOURCE = Sources.RISK_SERVICE;

    private final Outbox outbox;
    private final Clock clock;

    public RiskEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> identified(Risk r, Caller by) {
        return append(EventTypes.RISK_IDENTIFIED, r, new RiskIdentified(snapshot(r), name(by), by.id()));
    }

    public Uni<Void> updated(Risk r, List<String> changed, Caller by) {
        return append(EventTypes.RISK_UPDATED, r, new RiskUpdated(snapshot(r), changed, name(by), by.id()));
    }

    public Uni<Void> assessed(Risk r, RiskLevel previousLevel, String reason, Caller by) {
        return append(EventTypes.RISK_ASSESSED, r, new RiskAssessed(snapshot(r),
                previousLevel == null ? null : previousLevel.name(), reason, name(by), by.id()));
    }

    public Uni<Void> treatmentPlanned(Risk r, Caller by) {
        return append(EventTypes.RISK_TREATMENT_PLANNED, r, new RiskTreatmentPlanned(snapshot(r), name(by), by.id()));
    }

    public Uni<Void> accepted(Risk r) {
        return append(EventTypes.RISK_ACCEPTED, r, new RiskAccepted(snapshot(r), r.acceptanceApprover,
                r.acceptanceJustification, r.acceptanceExpiresAt, r.acceptanceApproverId));
    }

    /** The acceptance voided, and the review that asks for (as every flag of a risk announces it). */
    public Uni<Void> acceptanceVoided(Risk r, Risk.Voided voided, String reason, Caller by) {
        return append(EventTypes.RISK_ACCEPTANCE_VOIDED, r, new RiskAcceptanceVoided(snapshot(r), voided.approver(),
                voided.approverId(), reason, name(by), by.id()))
                .chain(() -> reviewRequired(r, voided.review()));
    }

    public Uni<Void> acceptanceExpired(Risk r, OffsetDateTime expiredAt) {
        return append(EventTypes.RISK_ACCEPTANCE_EXPIRED, r, new RiskAcceptanceExpired(snapshot(r), expiredAt));
    }

    public Uni<Void> reviewRequired(Risk r, ReviewReason reason) {
        return append(EventTypes.RISK_REVIEW_REQUIRED, r,
                new RiskReviewRequired(snapshot(r), reason.reason(), reason.causeType(), reason.causeEventId()));
    }

    public Uni<Void> reviewed(Risk r, String comment) {
        return append(EventTypes.RISK_REVIEWED, r, new RiskReviewed(snapshot(r), r.lastReviewedBy, comment,
                r.lastReviewedById));
    }

    public Uni<Void> closed(Risk r, String reason, Caller by) {
        return append(EventTypes.RISK_CLOSED, r, new RiskClosed(snapshot(r), reason, name(by), by.id()));
    }

    /** After the delete is flushed: the risk's final state. */
    public Uni<Void> deleted(Risk r, Caller by) {
        return append(EventTypes.RISK_DELETED, r, new RiskDeleted(snapshot(r), name(by), by.id()));
    }

    /** A new methodology version of the tenant (the subject is the tenant: its versions stay in order). */
    public Uni<Void> methodologyChanged(String tenant, int version, Methodology m, String reason, int rerated,
            Caller by) {
        JsonNode definition = org.isms.events.EventJson.toTree(m);
        return outbox.append(EventEnvelope.of(EventTypes.METHODOLOGY_CHANGED, SOURCE, tenant, tenant, Clocks.now(clock),
                new MethodologyChanged(version, definition, reason, rerated, name(by), by.id())));
    }

    /** An entry added by a user, or copied from the baseline ({@code by} null: "baseline"). */
    public Uni<Void> catalogEntryAdded(CatalogEntry e, Caller by) {
        return entry(EventTypes.CATALOG_ENTRY_ADDED, e, new CatalogEntryAdded(snapshot(e),
                by == null ? e.createdBy : name(by), by == null ? null : by.id()));
    }

    public Uni<Void> catalogEntryChanged(CatalogEntry e, Caller by) {
        return entry(EventTypes.CATALOG_ENTRY_CHANGED, e, new CatalogEntryChanged(snapshot(e), name(by), by.id()));
    }

    public Uni<Void> catalogEntryRemoved(CatalogEntry e, Caller by) {
        return entry(EventTypes.CATALOG_ENTRY_REMOVED, e, new CatalogEntryRemoved(snapshot(e), name(by), by.id()));
    }

    public static RiskSnapshot snapshot(Risk r) {
        return new RiskSnapshot(r.id, r.title, r.status.name(), r.owner, r.assets(), name(r.inherentLevel),
                name(r.residualLevel), r.treatmentOption == null ? null : r.treatmentOption.name(),
                Arrays.asList(r.controlIds), r.aboveAppetite, r.version, r.ownerId, r.description, r.threatId,
                r.vulnerabilityId, Arrays.asList(r.cia), rating(r.inherent()), rating(r.residual()), name(r.level),
                r.methodologyVersion, r.acceptanceApprover == null ? null
                        : new RiskSnapshot.Acceptance(r.acceptanceApprover, r.acceptanceApproverId,
                                r.acceptanceJustification, r.acceptanceExpiresAt, r.acceptedAt),
                r.reviewRequired, r.nextReviewDue);
    }

    static CatalogEntrySnapshot snapshot(CatalogEntry e) {
        return new CatalogEntrySnapshot(e.id, e.kind.name(), e.code, e.name, e.category, e.description, e.baseline,
                e.version);
    }

    private static RiskSnapshot.Rating rating(Methodology.Rating r) {
        return r == null ? null : new RiskSnapshot.Rating(r.likelihood(), r.impact(), r.score(), r.level().name());
    }

    private Uni<Void> append(String type, Risk r, Object payload) {
        return outbox.append(EventEnvelope.of(type, SOURCE, r.id.toString(), r.tenantId, Clocks.now(clock), payload));
    }

    private Uni<Void> entry(String type, CatalogEntry e, Object payload) {
        return outbox.append(EventEnvelope.of(type, SOURCE, e.id.toString(), e.tenantId, Clocks.now(clock), payload));
    }

    private static String name(Caller by) {
        return org.isms.platform.directory.UserDirectory.normalize(by.name());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
