package org.isms.events.incident;

/**
 * {@code isms.incident.opened.v1}: a new incident, opened by an alert ({@code alertId}, {@code by} null: the intake)
 * or by a person ({@code by}, {@code byId}).
 */
public record IncidentOpened(IncidentSnapshot incident, String sourceSystem, String ruleId, java.util.UUID alertId,
        String by, String byId) {
}
