package org.isms.events.incident;

import java.util.List;

/**
 * {@code isms.incident.updated.v1}: anything else a responder changed: assignee, description, category, personal
 * data, CIA properties, linked alerts or risks, a comment, a merge, a regime declared, a report submitted.
 * {@code changed} names what; {@code note} says it in words (the comment's text, the report's reference).
 */
public record IncidentUpdated(IncidentSnapshot incident, List<String> changed, String note, String by, String byId) {
}
