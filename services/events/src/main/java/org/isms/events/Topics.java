package org.isms.events;

/** Kafka topic names: one topic per owning service, SIEM input, and one dead-letter topic per service. */
public final class Topics {
    public static final String ASSET_EVENTS = "isms.asset.events";
    public static final String RISK_EVENTS = "isms.risk.events";
    public static final String CONTROL_EVENTS = "isms.control.events";
    public static final String INCIDENT_EVENTS = "isms.incident.events";
    public static final String AUDIT_EVENTS = "isms.audit.events";
    public static final String SIEM_ALERTS = "isms.siem.alerts";

    /** Every topic the platform uses, dead-letter topics included; the stack creates them up front. */
    public static final java.util.List<String> ALL = java.util.List.of(
            ASSET_EVENTS, RISK_EVENTS, CONTROL_EVENTS, INCIDENT_EVENTS, AUDIT_EVENTS, SIEM_ALERTS,
            dlq("asset"), dlq("risk"), dlq("control"), dlq("incident"), dlq("audit"));

    /** The dead-letter topic of a service, e.g. {@code dlq("risk")} is {@code isms.risk.dlq}. */
    public static String dlq(String service) {
        return "isms." + service + ".dlq";
    }

    private Topics() {
    }
}
