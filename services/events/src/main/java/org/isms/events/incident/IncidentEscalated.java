package org.isms.events.incident;

import java.util.List;

/**
 * {@code isms.incident.escalated.v1}: the incident became more urgent or hit more: a higher priority or severity
 * (a worse alert joined it, or a responder raised it), or more assets or CIA properties. {@code by} null: an alert
 * did it.
 */
public record IncidentEscalated(IncidentSnapshot incident, String previousPriority, String previousSeverity,
        List<String> changed, String reason, String by, String byId) {
}
