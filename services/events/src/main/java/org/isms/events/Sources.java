package org.isms.events;

/** The {@code ce_source} of each service: who published an event. */
public final class Sources {
    public static final String ASSET_SERVICE = "/isms/asset-service";
    public static final String RISK_SERVICE = "/isms/risk-service";
    public static final String CONTROL_SERVICE = "/isms/control-service";
    public static final String INCIDENT_SERVICE = "/isms/incident-service";
    public static final String AUDIT_SERVICE = "/isms/audit-service";

    private Sources() {
    }
}
