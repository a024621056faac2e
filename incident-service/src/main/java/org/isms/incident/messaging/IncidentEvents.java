package org.isms.incident.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.Sources;
import org.isms.events.incident.IncidentClosed;
import org.isms.events.incident.IncidentDeadline;
import org.isms.events.incident.IncidentEscalated;
import org.isms.events.incident.IncidentOpened;
import org.isms.events.incident.IncidentSnapshot;
import org.isms.events.incident.IncidentStatusChanged;
import org.isms.events.incident.IncidentUpdated;
import org.isms.incident.domain.Incident;
import org.isms.platform.outbox.Outbox;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The events of {@code isms.incident.events}, written to the outbox in the transaction of the change they describe;
 * subject and key are the incident id, so one incident's events stay in order. Call after the change is flushed, so
 * the snapshot carries the new version. {@code by} null: the intake or the deadline watch did it.
 */
@ApplicationScoped
public class IncidentEvents {
    public static final String SOURCE = Sources.INCIDENT_SERVICE;

    private final Outbox outbox;
    private final Clock clock;

    public IncidentEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public static IncidentSnapshot snapshot(Incident i, List<String> regimes) {
        return new IncidentSnapshot(i.id, i.handle(), i.title, i.description, i.status.name(), i.severity.name(),
                i.priority.name(), i.category, i.assignee, list(i.ciaHit), i.personalData,
                i.assetIds == null ? List.of() : List.of(i.assetIds), i.riskIds == null ? List.of() : List.of(i.riskIds),
                i.alertCount, i.firstSeen, i.lastSeen, i.openedAt, i.closedAt, i.mergedInto, regimes, i.version);
    }

    public EventEnvelope opened(Incident i, java.util.UUID alertId, Caller by) {
        return envelope(EventTypes.INCIDENT_OPENED, i, new IncidentOpened(snapshot(i, List.of()), i.sourceSystem,
                i.ruleId, alertId, by == null ? null : by.name(), by == null ? null : by.id()));
    }

    public EventEnvelope escalated(Incident i, List<String> regimes, String previousPriority, String previousSeverity,
            List<String> changed, String reason, Caller by) {
        return envelope(EventTypes.INCIDENT_ESCALATED, i, new IncidentEscalated(snapshot(i, regimes),
                previousPriority, previousSeverity, changed, reason, by == null ? null : by.name(),
                by == null ? null : by.id()));
    }

    public Uni<Void> statusChanged(Incident i, List<String> regimes, String from, Caller by) {
        return outbox.append(envelope(EventTypes.INCIDENT_STATUS_CHANGED, i,
                new IncidentStatusChanged(snapshot(i, regimes), from, i.status.name(), by.name(), by.id())));
    }

    public Uni<Void> closed(Incident i, List<String> regimes, String from, Caller by) {
        return outbox.append(envelope(EventTypes.INCIDENT_CLOSED, i,
                new IncidentClosed(snapshot(i, regimes), from, i.lessonsLearned, by.name(), by.id())));
    }

    public Uni<Void> updated(Incident i, List<String> regimes, List<String> changed, String note, Caller by) {
        return outbox.append(envelope(EventTypes.INCIDENT_UPDATED, i,
                new IncidentUpdated(snapshot(i, regimes), changed, note, by.name(), by.id())));
    }

    public EventEnvelope deadline(String type, Incident i, List<String> regimes, String regime, String report,
            String title, java.time.OffsetDateTime dueAt) {
        return envelope(type, i, new IncidentDeadline(snapshot(i, regimes), regime, report, title, dueAt));
    }

    public Uni<Void> append(EventEnvelope e) {
        return outbox.append(e);
    }

    public Uni<Void> appendAll(List<EventEnvelope> events) {
        return outbox.appendAll(events);
    }

    private EventEnvelope envelope(String type, Incident i, Object payload) {
        return EventEnvelope.of(type, SOURCE, i.id.toString(), i.tenantId, Clocks.now(clock), payload);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
