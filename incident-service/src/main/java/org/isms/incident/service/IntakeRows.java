package org.isms.incident.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.isms.incident.domain.Alert.Disposition;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;
import org.isms.incident.repository.IntakeStatements.Match;
import org.isms.incident.service.AlertIntake.Received;
import org.isms.platform.net.Addresses;

/** The rows the intake's statements take, as JSON (one array parameter per statement: {@link org.isms.incident.repository.IntakeStatements}). */
final class IntakeRows {
    private IntakeRows() {
    }

    /** The host names (with their first label), addresses and host ids of the new alerts, for {@code MATCH}. */
    static ArrayNode identifiers(List<Received> batch, List<Integer> fresh) {
        ArrayNode rows = array();
        for (int n : fresh) {
            Received r = batch.get(n);
            for (String h : r.alert().hosts()) {
                rows.addObject().put("n", n).put("tenant", r.tenant()).put("host", h).put("short", Addresses.shortName(h));
            }
            for (String ip : r.alert().ips()) {
                rows.addObject().put("n", n).put("tenant", r.tenant()).put("ip", ip);
            }
            for (String ext : r.alert().hostIds()) {
                rows.addObject().put("n", n).put("tenant", r.tenant()).put("ext", ext);
            }
        }
        return rows;
    }

    static ObjectNode alertRow(UUID id, Received r, Severity severity, List<Match> matches, Disposition d,
            UUID incident, OffsetDateTime now) {
        NormalizedAlert a = r.alert();
        ObjectNode row = JsonNodeFactory.instance.objectNode()
                .put("id", id.toString()).put("tenant_id", r.tenant()).put("source_system", a.sourceSystem())
                .put("source_alert_id", a.sourceAlertId()).put("format", a.format()).put("rule_id", a.ruleId())
                .put("rule_name", a.ruleName()).put("severity", severity.name())
                .put("original_severity", a.originalSeverity()).put("first_seen", time(a.firstSeen()))
                .put("last_seen", time(a.lastSeen())).put("received_at", time(now)).put("disposition", d.name())
                .put("incident_id", incident == null ? null : incident.toString());
        row.set("hosts", texts(a.hosts()));
        row.set("ips", texts(a.ips()));
        row.set("users", texts(a.users()));
        row.set("asset_ids", uuids(matches.stream().map(Match::assetId).toList()));
        if (r.rawText() != null) {
            // the document as it came, written as it is: serializing it again would cost more than all the rest
            row.putRawValue("raw", new RawValue(r.rawText()));
        } else {
            row.set("raw", a.raw());
        }
        return row;
    }

    /** A new incident as the intake's INSERT takes it. */
    static ObjectNode incidentRow(Incident i) {
        ObjectNode row = JsonNodeFactory.instance.objectNode()
                .put("id", i.id.toString()).put("tenant_id", i.tenantId).put("number", i.number)
                .put("title", i.title).put("status", i.status.name()).put("severity", i.severity.name())
                .put("priority", i.priority.name()).put("correlation_key", i.correlationKey)
                .put("source_system", i.sourceSystem).put("rule_id", i.ruleId).put("alert_count", i.alertCount)
                .put("first_seen", time(i.firstSeen)).put("last_seen", time(i.lastSeen))
                .put("personal_data", i.personalData).put("opened_at", time(i.openedAt))
                .put("created_at", time(i.createdAt)).put("updated_at", time(i.updatedAt));
        row.set("asset_ids", uuids(List.of(i.assetIds)));
        return row;
    }

    static ObjectNode change(String tenant, UUID incident, OffsetDateTime at, String kind, String summary) {
        return JsonNodeFactory.instance.objectNode().put("id", UUID.randomUUID().toString()).put("tenant_id", tenant)
                .put("incident_id", incident.toString()).put("at", time(at)).put("kind", kind).put("summary", summary);
    }

    static ArrayNode texts(List<String> values) {
        ArrayNode out = array();
        values.forEach(out::add);
        return out;
    }

    static ArrayNode uuids(java.util.Collection<UUID> values) {
        ArrayNode out = array();
        values.forEach(v -> out.add(v.toString()));
        return out;
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
}
