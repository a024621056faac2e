package org.isms.events.incident;

/**
 * {@code isms.incident.closed.v1}: the incident is closed with what was learned from it (required), for management
 * review; the snapshot names the assets it hit.
 */
public record IncidentClosed(IncidentSnapshot incident, String from, String lessonsLearned, String by, String byId) {
}
