package org.isms.events.incident;

/** {@code isms.incident.status-changed.v1}: the incident moved to another phase (closing is {@link IncidentClosed}). */
public record IncidentStatusChanged(IncidentSnapshot incident, String from, String to, String by, String byId) {
}
