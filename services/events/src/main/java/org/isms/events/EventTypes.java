package org.isms.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CloudEvents type names, {@code isms.<aggregate>.<verb-past>.v<N>}, and the topic each one goes on. A
 * payload record of the same name in {@code org.isms.events.<service>} carries the data of each type.
 *
 * <p>The topic of a type is looked up in {@link #TOPICS}, never derived from the name: a type of an
 * aggregate without a topic of its own (a methodology, a catalog entry, later the SoA) goes on its owning
 * service's topic, and a type nobody listed is refused rather than sent to a topic nobody created.
 */
public final class EventTypes {
    // asset-service, on isms.asset.events
    public static final String ASSET_REGISTERED = "isms.asset.registered.v1";
    public static final String ASSET_UPDATED = "isms.asset.updated.v1";
    public static final String ASSET_CLASSIFIED = "isms.asset.classified.v1";
    public static final String ASSET_STATUS_CHANGED = "isms.asset.status-changed.v1";
    public static final String ASSET_DEPENDENCIES_CHANGED = "isms.asset.dependencies-changed.v1";
    public static final String ASSET_DELETED = "isms.asset.deleted.v1";

    // risk-service, on isms.risk.events
    public static final String RISK_IDENTIFIED = "isms.risk.identified.v1";
    public static final String RISK_UPDATED = "isms.risk.updated.v1";
    public static final String RISK_ASSESSED = "isms.risk.assessed.v1";
    public static final String RISK_TREATMENT_PLANNED = "isms.risk.treatment-planned.v1";
    public static final String RISK_ACCEPTED = "isms.risk.accepted.v1";
    public static final String RISK_ACCEPTANCE_VOIDED = "isms.risk.acceptance-voided.v1";
    public static final String RISK_ACCEPTANCE_EXPIRED = "isms.risk.acceptance-expired.v1";
    public static final String RISK_REVIEW_REQUIRED = "isms.risk.review-required.v1";
    public static final String RISK_REVIEWED = "isms.risk.reviewed.v1";
    public static final String RISK_CLOSED = "isms.risk.closed.v1";
    public static final String RISK_DELETED = "isms.risk.deleted.v1";
    public static final String METHODOLOGY_CHANGED = "isms.methodology.changed.v1";
    public static final String CATALOG_ENTRY_ADDED = "isms.catalog-entry.added.v1";
    public static final String CATALOG_ENTRY_CHANGED = "isms.catalog-entry.changed.v1";
    public static final String CATALOG_ENTRY_REMOVED = "isms.catalog-entry.removed.v1";

    // control-service, on isms.control.events
    public static final String CONTROL_ADDED = "isms.control.added.v1";
    public static final String CONTROL_DEFINITION_CHANGED = "isms.control.definition-changed.v1";
    public static final String CONTROL_IMPLEMENTATION_CHANGED = "isms.control.implementation-changed.v1";
    public static final String CONTROL_APPLICABILITY_CHANGED = "isms.control.applicability-changed.v1";
    public static final String CONTROL_EFFECTIVENESS_ASSESSED = "isms.control.effectiveness-assessed.v1";
    public static final String SOA_PUBLISHED = "isms.soa.published.v1";
    public static final String EVIDENCE_ADDED = "isms.evidence.added.v1";
    public static final String EVIDENCE_CHANGED = "isms.evidence.changed.v1";
    public static final String EVIDENCE_EXPIRED = "isms.evidence.expired.v1";

    // incident-service, on isms.incident.events
    public static final String INCIDENT_OPENED = "isms.incident.opened.v1";
    public static final String INCIDENT_ESCALATED = "isms.incident.escalated.v1";
    public static final String INCIDENT_STATUS_CHANGED = "isms.incident.status-changed.v1";
    public static final String INCIDENT_CLOSED = "isms.incident.closed.v1";
    public static final String INCIDENT_UPDATED = "isms.incident.updated.v1";
    public static final String INCIDENT_DEADLINE_APPROACHING = "isms.incident.deadline-approaching.v1";
    public static final String INCIDENT_DEADLINE_MISSED = "isms.incident.deadline-missed.v1";

    /** Every type and its topic, in catalog order. */
    public static final Map<String, String> TOPICS = topics();

    /** The topic an event type belongs on; a type that is not in {@link #TOPICS} is refused. */
    public static String topicOf(String type) {
        String topic = type == null ? null : TOPICS.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("no topic for event type " + type
                    + ": add it to EventTypes.TOPICS (and docs/asyncapi.yaml)");
        }
        return topic;
    }

    /** Every type this contract defines. */
    public static Set<String> all() {
        return TOPICS.keySet();
    }

    private static Map<String, String> topics() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String t : new String[] { ASSET_REGISTERED, ASSET_UPDATED, ASSET_CLASSIFIED, ASSET_STATUS_CHANGED,
                ASSET_DEPENDENCIES_CHANGED, ASSET_DELETED }) {
            m.put(t, Topics.ASSET_EVENTS);
        }
        for (String t : new String[] { RISK_IDENTIFIED, RISK_UPDATED, RISK_ASSESSED, RISK_TREATMENT_PLANNED,
                RISK_ACCEPTED, RISK_ACCEPTANCE_VOIDED, RISK_ACCEPTANCE_EXPIRED, RISK_REVIEW_REQUIRED, RISK_REVIEWED,
                RISK_CLOSED, RISK_DELETED, METHODOLOGY_CHANGED, CATALOG_ENTRY_ADDED, CATALOG_ENTRY_CHANGED,
                CATALOG_ENTRY_REMOVED }) {
            m.put(t, Topics.RISK_EVENTS);
        }
        for (String t : new String[] { CONTROL_ADDED, CONTROL_DEFINITION_CHANGED, CONTROL_IMPLEMENTATION_CHANGED, CONTROL_APPLICABILITY_CHANGED,
                CONTROL_EFFECTIVENESS_ASSESSED, SOA_PUBLISHED, EVIDENCE_ADDED, EVIDENCE_CHANGED, EVIDENCE_EXPIRED }) {
            m.put(t, Topics.CONTROL_EVENTS);
        }
        for (String t : new String[] { INCIDENT_OPENED, INCIDENT_ESCALATED, INCIDENT_STATUS_CHANGED, INCIDENT_CLOSED,
                INCIDENT_UPDATED, INCIDENT_DEADLINE_APPROACHING, INCIDENT_DEADLINE_MISSED }) {
            m.put(t, Topics.INCIDENT_EVENTS);
        }
        return Collections.unmodifiableMap(m);
    }

    private EventTypes() {
    }
}
