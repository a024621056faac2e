package org.isms.events;

/**
 * CloudEvents type names, {@code isms.<aggregate>.<verb-past>.v<N>}. A payload record of the same
 * name in {@code org.isms.events.<aggregate>} carries the data of each type.
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
    public static final String RISK_ASSESSED = "isms.risk.assessed.v1";
    public static final String RISK_TREATMENT_PLANNED = "isms.risk.treatment-planned.v1";
    public static final String RISK_ACCEPTED = "isms.risk.accepted.v1";
    public static final String RISK_ACCEPTANCE_EXPIRED = "isms.risk.acceptance-expired.v1";
    public static final String RISK_REVIEW_REQUIRED = "isms.risk.review-required.v1";
    public static final String RISK_REVIEWED = "isms.risk.reviewed.v1";
    public static final String RISK_CLOSED = "isms.risk.closed.v1";

    /** The topic an event type belongs on: its aggregate's service topic. */
    public static String topicOf(String type) {
        if (type == null || !type.startsWith("isms.")) {
            throw new IllegalArgumentException("not an ISMS event type: " + type);
        }
        String aggregate = type.substring(5, type.indexOf('.', 5));
        return "isms." + aggregate + ".events";
    }

    private EventTypes() {
    }
}
