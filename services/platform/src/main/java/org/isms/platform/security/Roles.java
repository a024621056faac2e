package org.isms.platform.security;

/** The realm roles of DESIGN §5, for {@code @RolesAllowed}. */
public final class Roles {
    public static final String ADMIN = "isms-admin";
    public static final String SECURITY_OFFICER = "security-officer";
    public static final String RISK_OWNER = "risk-owner";
    public static final String AUDITOR = "auditor";
    public static final String INCIDENT_RESPONDER = "incident-responder";
    public static final String VIEWER = "viewer";
    public static final String SIEM_INGEST = "siem-ingest";
    /**
     * Every ISMS role but {@code siem-ingest}: who may read the registers. Not a realm role: each service maps the
     * six roles onto it ({@code quarkus.http.auth.roles-mapping} in the platform's defaults), so a read endpoint
     * names one role instead of six.
     */
    public static final String READER = "isms-reader";

    private Roles() {
    }
}
