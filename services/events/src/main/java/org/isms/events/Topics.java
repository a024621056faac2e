package org.isms.events;

import java.util.List;
import java.util.Map;

/**
 * Kafka topic names: one topic per owning service, SIEM input, and one dead-letter topic per service;
 * and the {@code ce_source} of the one service that may publish on each. A consumer accepts an event
 * only from its topic's owner, so a service cannot speak for another.
 */
public final class Topics {
    public static final String ASSET_EVENTS = "isms.asset.events";
    public static final String RISK_EVENTS = "isms.risk.events";
    public static final String CONTROL_EVENTS = "isms.control.events";
    public static final String INCIDENT_EVENTS = "isms.incident.events";
    public static final String AUDIT_EVENTS = "isms.audit.events";
    public static final String SIEM_ALERTS = "isms.siem.alerts";

    /** How many partitions each topic has, in the local stack and in the tests alike. */
    public static final int PARTITIONS = 3;

    /** Every topic the platform uses, dead-letter topics included; the stack creates them up front. */
    public static final List<String> ALL = List.of(
            ASSET_EVENTS, RISK_EVENTS, CONTROL_EVENTS, INCIDENT_EVENTS, AUDIT_EVENTS, SIEM_ALERTS,
            dlq("asset"), dlq("risk"), dlq("control"), dlq("incident"), dlq("audit"));

    private static final Map<String, String> OWNERS = Map.of(
            ASSET_EVENTS, Sources.ASSET_SERVICE,
            RISK_EVENTS, Sources.RISK_SERVICE,
            CONTROL_EVENTS, Sources.CONTROL_SERVICE,
            INCIDENT_EVENTS, Sources.INCIDENT_SERVICE,
            AUDIT_EVENTS, Sources.AUDIT_SERVICE);

    /** The dead-letter topic of a service, e.g. {@code dlq("risk")} is {@code isms.risk.dlq}. */
    public static String dlq(String service) {
        return "isms." + service + ".dlq";
    }

    /** The {@code ce_source} of the service that owns a service topic; null for any other topic. */
    public static String ownerOf(String topic) {
        return OWNERS.get(topic);
    }

    private Topics() {
    }
}
