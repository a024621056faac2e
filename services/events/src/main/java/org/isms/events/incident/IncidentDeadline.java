package org.isms.events.incident;

import java.time.OffsetDateTime;

/**
 * {@code isms.incident.deadline-approaching.v1} (two hours before, configurable) and
 * {@code isms.incident.deadline-missed.v1} (once it passed with no submission recorded): a report a regulatory
 * regime asks for, e.g. regime NIS2, report EARLY_WARNING, due 24 h after awareness.
 */
public record IncidentDeadline(IncidentSnapshot incident, String regime, String report, String reportTitle,
        OffsetDateTime dueAt) {
}
