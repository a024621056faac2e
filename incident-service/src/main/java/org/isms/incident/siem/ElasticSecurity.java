package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;

/**
 * An Elastic Security detection alert (Elastic's "Alert schema"): an 8.x document of
 * {@code .alerts-security.alerts-*}, its {@code kibana.alert.*} fields stored as literal dotted keys beside nested
 * ECS objects (and fully nested in a webhook from 8.8), or a 7.x signal of {@code .siem-signals-*} with its
 * {@code signal.*} object; either alone, as a search hit ({@code _id}, {@code _source}) or as a search's
 * {@code fields} map. Paths resolve in any mix of dotted and nested ({@link Json}).
 * <ul>
 * <li>id: {@code kibana.alert.uuid} (equal to the document's {@code _id}); a 7.x signal has only its {@code _id}, and
 * without it (a 7.x webhook) the id is the SHA-256 of its rule, the events it came from and their time — the same
 * for every delivery of the alert;</li>
 * <li>rule: {@code rule_id}, the detection rule's id that survives export and import (the rule's {@code uuid}
 * differs per deployment and space), else the uuid; its {@code name};</li>
 * <li>severity: the alert's effective {@code kibana.alert.severity} ({@code signal.rule.severity}), low to critical
 * one to one; without it the risk score in Elastic's bands (0–21 low, 22–47 medium, 48–73 high, 74– critical);</li>
 * <li>time: first seen at a threshold's {@code threshold_result.from} or a suppression's start, else the source
 * event's {@code original_time}, else {@code @timestamp}; last seen at a suppression's end, else the same;</li>
 * <li>hosts: {@code host.name}, {@code host.hostname} (else {@code related.hosts}); addresses: {@code host.ip},
 * {@code source.ip}, {@code destination.ip}, {@code client.ip}, {@code server.ip} (else {@code related.ip}); users:
 * {@code user.name}, {@code source.user.name}, {@code destination.user.name}, {@code user.target.name} (else
 * {@code related.user}); {@code host.id} is a host id. Not {@code agent.*} or {@code observer.*}: the shipper.</li>
 * </ul>
 */
public class ElasticSecurity implements AlertFormat {
    public static final String NAME = "elastic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean detects(JsonNode d) {
        JsonNode doc = body(d);
        return Json.text(doc, "kibana.alert.uuid", "kibana.alert.rule.uuid", "signal.rule.id", "signal.rule.rule_id")
                != null;
    }

    /** The alert itself: a search hit's {@code _source}, a {@code fields} map, or the document. */
    private static JsonNode body(JsonNode d) {
        if (d.path("_source").isObject()) {
            return d.get("_source");
        }
        if (d.path("fields").isObject() && Json.text(d, "kibana.alert.uuid", "signal.rule.id") == null) {
            return d.get("fields");
        }
        return d;
    }

    @Override
    public NormalizedAlert parse(JsonNode d, OffsetDateTime receivedAt) {
        JsonNode doc = body(d);
        boolean v8 = Json.text(doc, "kibana.alert.uuid", "kibana.alert.rule.uuid") != null;
        String p = v8 ? "kibana.alert." : "signal.";
        String ruleUuid = Json.text(doc, v8 ? "kibana.alert.rule.uuid" : "signal.rule.id");
        String ruleId = Json.text(doc, p + "rule.rule_id");
        if (ruleUuid == null && ruleId == null) {
            throw new UnreadableAlertException("an Elastic Security alert needs its rule (kibana.alert.rule.uuid or"
                    + " rule_id; signal.rule.id in 7.x)");
        }
        String originalTime = Json.text(doc, p + "original_time");
        String id = v8 ? Json.text(doc, "kibana.alert.uuid") : null;
        if (id == null) {
            id = Json.text(d, "_id");
        }
        if (id == null) {
            String ancestors = Json.all(doc, p + "ancestors").stream()
                    .map(a -> Json.text(a, "index") + "/" + Json.text(a, "id")).collect(Collectors.joining(","));
            id = ancestors.isEmpty() ? AlertBuilder.sha256Hex(AlertBuilder.canonicalText(doc))
                    : AlertBuilder.sha256Hex(ruleUuid + "|" + ancestors + "|" + originalTime);
        }
        AlertBuilder a = new AlertBuilder(NAME, d)
                .source(NAME, id)
                .rule(ruleId != null ? ruleId : ruleUuid,
                        Json.text(doc, p + "rule.name", p + "rule.parameters.name"));
        String severity = Json.text(doc, v8 ? "kibana.alert.severity" : "signal.rule.severity");
        Severity ours = Severity.parse(severity);
        String risk = Json.text(doc, v8 ? "kibana.alert.risk_score" : "signal.rule.risk_score");
        if (ours == null && risk != null) {
            ours = byRisk(risk);
        }
        a.severity(ours, severity != null ? severity : risk == null ? null : "risk_score=" + risk);
        OffsetDateTime timestamp = Json.isoTime(Json.text(doc, "@timestamp"), "@timestamp");
        OffsetDateTime original = Json.isoTime(originalTime, p + "original_time");
        OffsetDateTime from = Json.isoTime(Json.text(doc, p + "threshold_result.from"), p + "threshold_result.from");
        OffsetDateTime start = Json.isoTime(Json.text(doc, p + "suppression.start"), p + "suppression.start");
        OffsetDateTime end = Json.isoTime(Json.text(doc, p + "suppression.end"), p + "suppression.end");
        OffsetDateTime event = original != null ? original : timestamp;
        a.seen(from != null ? from : start != null ? start : event, end != null ? end : event);

        List<String> hosts = Json.texts(doc, "host.name", "host.hostname");
        a.hosts(hosts.isEmpty() ? Json.texts(doc, "related.hosts") : hosts);
        List<String> ips = Json.texts(doc, "host.ip", "source.ip", "destination.ip", "client.ip", "server.ip");
        a.ips(ips.isEmpty() ? Json.texts(doc, "related.ip") : ips);
        List<String> users = Json.texts(doc, "user.name", "source.user.name", "destination.user.name",
                "user.target.name");
        a.users(users.isEmpty() ? Json.texts(doc, "related.user") : users);
        Json.texts(doc, "host.id").forEach(a::hostId);
        return a.build(receivedAt);
    }

    private static Severity byRisk(String risk) {
        try {
            double r = Double.parseDouble(risk);
            return r < 22 ? Severity.LOW : r < 48 ? Severity.MEDIUM : r < 74 ? Severity.HIGH : Severity.CRITICAL;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
