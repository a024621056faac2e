package org.isms.control.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.Evidence;
import org.isms.control.domain.EvidenceRevision;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.control.ControlAdded;
import org.isms.events.control.ControlApplicabilityChanged;
import org.isms.events.control.ControlDefinitionChanged;
import org.isms.events.control.ControlEffectivenessAssessed;
import org.isms.events.control.ControlImplementationChanged;
import org.isms.events.control.EvidenceAdded;
import org.isms.events.control.EvidenceChanged;
import org.isms.events.control.EvidenceExpired;
import org.isms.events.control.EvidenceSnapshot;
import org.isms.events.control.SoaPublished;
import org.isms.platform.outbox.Outbox;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The events of {@code isms.control.events}, written to the outbox in the transaction of the change they describe.
 * A control's events have the control id as subject and key (one control's events stay in order); the SoA's have
 * the tenant. Call after the change is flushed, so the snapshot carries the new version.
 */
@ApplicationScoped
public class ControlEvents {
    public static final String SOURCE = Sources.CONTROL_SERVICE;

    private final Outbox outbox;
    private final Clock clock;

    public ControlEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Void> added(String tenant, ControlState c, List<ControlAdded.Mapping> mappings, Caller by) {
        return append(EventTypes.CONTROL_ADDED, tenant, c, new ControlAdded(c.snapshot(), c.control().purpose(),
                mappings, by.name(), by.id()));
    }

    public Uni<Void> definitionChanged(String tenant, ControlState c, List<ControlAdded.Mapping> mappings,
            List<String> changed, Caller by) {
        return append(EventTypes.CONTROL_DEFINITION_CHANGED, tenant, c, new ControlDefinitionChanged(c.snapshot(),
                c.control().purpose(), mappings, changed, by.name(), by.id()));
    }

    public Uni<Void> implementationChanged(String tenant, ControlState c, List<String> changed, String previousStatus,
            Caller by) {
        return append(EventTypes.CONTROL_IMPLEMENTATION_CHANGED, tenant, c,
                new ControlImplementationChanged(c.snapshot(), changed, previousStatus, by.name(), by.id()));
    }

    /** Decided by a user. */
    public Uni<Void> applicabilityDecided(String tenant, ControlState c, Boolean previous, Caller by) {
        return append(EventTypes.CONTROL_APPLICABILITY_CHANGED, tenant, c,
                new ControlApplicabilityChanged(c.snapshot(), previous, c.reason(), null, null, by.name(), by.id()));
    }

    /** Caused by a risk event: a risk's treatment started or stopped calling for the control. */
    public Uni<Void> applicabilityCaused(String tenant, ControlState c, Boolean previous, String reason,
            EventEnvelope cause) {
        return append(EventTypes.CONTROL_APPLICABILITY_CHANGED, tenant, c,
                new ControlApplicabilityChanged(c.snapshot(), previous, reason, cause.type(), cause.id(), null, null));
    }

    public Uni<Void> effectivenessAssessed(String tenant, ControlState c, String previous, String note) {
        return append(EventTypes.CONTROL_EFFECTIVENESS_ASSESSED, tenant, c,
                new ControlEffectivenessAssessed(c.snapshot(), previous, note));
    }

    public Uni<Void> soaPublished(String tenant, SoaPublished published) {
        return outbox.append(EventEnvelope.of(EventTypes.SOA_PUBLISHED, SOURCE, tenant, tenant, Clocks.now(clock),
                published));
    }

    public Uni<Void> evidenceAdded(Evidence e, EvidenceRevision current, Caller by) {
        return evidence(EventTypes.EVIDENCE_ADDED, e, new EvidenceAdded(snapshot(e, current), by.name(), by.id()));
    }

    public Uni<Void> evidenceChanged(Evidence e, EvidenceRevision current, List<String> changed,
            List<String> previousControls, Caller by) {
        return evidence(EventTypes.EVIDENCE_CHANGED, e, new EvidenceChanged(snapshot(e, current), changed,
                previousControls, by.name(), by.id()));
    }

    public Uni<Void> evidenceExpired(Evidence e, EvidenceRevision current, List<String> withoutEvidence) {
        return evidence(EventTypes.EVIDENCE_EXPIRED, e, new EvidenceExpired(snapshot(e, current), withoutEvidence));
    }

    public static EvidenceSnapshot snapshot(Evidence e, EvidenceRevision current) {
        return new EvidenceSnapshot(e.id, e.title, e.kind.name(), e.url, e.controls(), e.validFrom, e.expiresAt,
                e.revision, current == null ? null : current.fileName, current == null ? null : current.contentType,
                current == null ? null : current.size, current == null ? null : current.sha256, e.version);
    }

    private Uni<Void> evidence(String type, Evidence e, Object payload) {
        return outbox.append(EventEnvelope.of(type, SOURCE, e.id.toString(), e.tenantId, Clocks.now(clock), payload));
    }

    private Uni<Void> append(String type, String tenant, ControlState c, Object payload) {
        return outbox.append(EventEnvelope.of(type, SOURCE, c.control().id(), tenant, Clocks.now(clock), payload));
    }
}
