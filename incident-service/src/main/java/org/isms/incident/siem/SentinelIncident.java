package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;

/**
 * A Microsoft Sentinel incident as the Azure REST API returns it ({@code Microsoft.SecurityInsights/incidents},
 * "Incidents - Get": {@code id}, {@code name}, {@code type}, {@code properties}), or as the "Microsoft Sentinel
 * incident" Logic App trigger delivers it ({@code objectSchemaType: "Incident"}, the incident under {@code object},
 * with {@code alerts} and {@code relatedEntities} in its properties; their keys' case varies, so they are looked up
 * ignoring it).
 * <ul>
 * <li>id: the incident's {@code name}, its GUID ({@code incidentNumber} is unique only in its workspace);</li>
 * <li>rule: the last segment of the first of {@code relatedAnalyticRuleIds}; named by the first alert's
 * "Analytic Rule Name" or display name, else the incident's title;</li>
 * <li>severity: Informational, Low, Medium, High (Sentinel has no Critical);</li>
 * <li>time: {@code firstActivityTimeUtc}/{@code lastActivityTimeUtc}, else {@code createdTimeUtc} (never
 * {@code lastModifiedTimeUtc}, which a comment moves);</li>
 * <li>hosts, addresses and users from the related entities of kind Host ({@code hostName.dnsDomain}, else
 * {@code netBiosName}; its {@code azureID} and {@code omsAgentID} as host ids), Ip ({@code address}) and Account
 * ({@code accountName}). The REST incident carries no entities (they are another call's): it matches no asset.</li>
 * </ul>
 */
public class SentinelIncident implements AlertFormat {
    public static final String NAME = "sentinel";
    private static final String TYPE = "microsoft.securityinsights/incidents";
    private static final Map<String, Severity> SEVERITIES = Map.of("informational", Severity.INFO, "low", Severity.LOW,
            "medium", Severity.MEDIUM, "high", Severity.HIGH);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean detects(JsonNode d) {
        return isIncident(incident(d));
    }

    private static boolean isIncident(JsonNode i) {
        return i != null && TYPE.equals(lower(Json.text(i, "type"))) && i.path("properties").isObject();
    }

    /** The incident: the document itself (REST), or the trigger's {@code object} (Logic App). */
    private static JsonNode incident(JsonNode d) {
        return "Incident".equalsIgnoreCase(Json.text(d, "objectSchemaType")) ? d.get("object") : d;
    }

    @Override
    public NormalizedAlert parse(JsonNode d, OffsetDateTime receivedAt) {
        JsonNode i = incident(d);
        if (!isIncident(i)) {
            throw new UnreadableAlertException("a Sentinel incident has type " + "Microsoft.SecurityInsights/Incidents"
                    + " and properties (the REST resource, or the Logic App trigger's 'object')");
        }
        JsonNode p = i.get("properties");
        String rule = Json.text(p, "relatedAnalyticRuleIds");
        String ruleId = rule == null ? null : rule.substring(rule.lastIndexOf('/') + 1);
        JsonNode alerts = ignoringCase(p, "alerts");
        JsonNode firstAlert = alerts != null && alerts.isArray() && !alerts.isEmpty() ? alerts.get(0) : null;
        String ruleName = firstAlert == null ? null
                : Json.text(firstAlert.path("properties"), "additionalData.Analytic Rule Name", "alertDisplayName");
        String title = Json.text(p, "title");
        if (title == null) {
            throw new UnreadableAlertException("a Sentinel incident needs properties.title");
        }
        String severity = Json.text(p, "severity");
        Severity ours = severity == null ? null : SEVERITIES.get(lower(severity));
        if (ours == null) {
            throw new UnreadableAlertException("a Sentinel incident's properties.severity is Informational, Low,"
                    + " Medium or High, not " + severity);
        }
        OffsetDateTime created = Json.isoTime(Json.text(p, "createdTimeUtc"), "createdTimeUtc");
        OffsetDateTime first = Json.isoTime(Json.text(p, "firstActivityTimeUtc"), "firstActivityTimeUtc");
        OffsetDateTime last = Json.isoTime(Json.text(p, "lastActivityTimeUtc"), "lastActivityTimeUtc");
        AlertBuilder a = new AlertBuilder(NAME, d)
                .source(NAME, lower(Json.text(i, "name")))
                .rule(ruleId, ruleName != null ? ruleName : title)
                .severity(ours, severity)
                .seen(first != null ? first : created, last);
        JsonNode entities = ignoringCase(p, "relatedEntities");
        if (entities != null) {
            for (JsonNode e : entities) {
                entity(a, e);
            }
        }
        return a.build(receivedAt);
    }

    private static void entity(AlertBuilder a, JsonNode e) {
        JsonNode p = e.path("properties");
        switch (lower(Json.text(e, "kind")) == null ? "" : lower(Json.text(e, "kind"))) {
            case "host" -> {
                String host = Json.text(p, "hostName");
                String domain = Json.text(p, "dnsDomain");
                a.host(host != null && domain != null ? host + "." + domain
                        : host != null ? host : Json.text(p, "netBiosName", "friendlyName"));
                a.hostId(Json.text(p, "azureID"));
                a.hostId(Json.text(p, "omsAgentID"));
            }
            case "ip" -> a.ip(Json.text(p, "address"));
            case "account" -> a.user(Json.text(p, "accountName", "friendlyName"));
            default -> {
            }
        }
    }

    private static JsonNode ignoringCase(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
