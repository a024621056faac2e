package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;

/**
 * A Wazuh 4.x alert, the object {@code wazuh-analysisd} writes to {@code alerts.json} and {@code wazuh-integratord}
 * hands to integrations (Wazuh ruleset reference; {@code src/analysisd/format/to_json.c}).
 * <ul>
 * <li>id: {@code id}, "epoch seconds.offset in the alert log", unique on one manager only: the source system is
 * {@code wazuh:<manager.name>}; kept as text (as a number it loses digits);</li>
 * <li>rule: {@code rule.id} and {@code rule.description};</li>
 * <li>severity: {@code rule.level} 0–16 in five bands after Wazuh's rules classification: 0–3 no security
 * relevance (INFO), 4–6 errors and attacks without effect (LOW), 7–9 may be relevant (MEDIUM), 10–12 likely
 * attack or compromise (HIGH), 13 and up attack needing immediate attention (CRITICAL);</li>
 * <li>time: {@code timestamp}, the manager's local time with an offset written {@code +0000}; an alert is one
 * moment, first seen and last seen alike;</li>
 * <li>hosts: {@code agent.name} (agent 000 is the manager itself), the syslog header's {@code predecoder.hostname},
 * {@code data.win.system.computer}, {@code agentless.host}, {@code data.hostname}; never {@code manager.name}, the
 * collector; addresses: {@code agent.ip}, {@code data.srcip}, {@code data.dstip}, the Windows event's and
 * Suricata's; users: {@code data.dstuser}, {@code data.srcuser}, the Windows event's target and subject (not
 * machine accounts, ending in $), FIM who-data. {@code agent.id} is a host id.</li>
 * </ul>
 */
public class WazuhAlert implements AlertFormat {
    public static final String NAME = "wazuh";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean detects(JsonNode d) {
        return d.path("rule").path("level").isNumber() && d.path("agent").isObject() && d.path("id").isTextual()
                && d.path("timestamp").isTextual() && !d.has("@timestamp");
    }

    @Override
    public NormalizedAlert parse(JsonNode d, OffsetDateTime receivedAt) {
        JsonNode level = d.path("rule").path("level");
        String manager = Json.text(d, "manager.name");
        String id = d.path("id").isTextual() ? d.path("id").textValue() : null;
        if (!level.isNumber() || id == null || manager == null) {
            throw new UnreadableAlertException("a Wazuh alert needs rule.level (a number), id (text) and manager.name");
        }
        OffsetDateTime time = Json.isoTime(Json.text(d, "timestamp"), "timestamp");
        AlertBuilder a = new AlertBuilder(NAME, d)
                .source(NAME + ":" + manager.toLowerCase(java.util.Locale.ROOT), id)
                .rule(Json.text(d, "rule.id"), Json.text(d, "rule.description"))
                .severity(severity(level.intValue()), "rule.level=" + level.intValue())
                .seen(time, time);
        a.hosts(Json.texts(d, "agent.name", "predecoder.hostname", "data.win.system.computer", "agentless.host",
                "data.hostname", "data.system_name"));
        a.ips(Json.texts(d, "agent.ip", "data.srcip", "data.dstip", "data.win.eventdata.ipAddress", "data.src_ip",
                "data.dest_ip", "data.win.eventdata.sourceAddress", "data.win.eventdata.destAddress"));
        a.users(Json.texts(d, "data.dstuser", "data.srcuser", "data.win.eventdata.targetUserName"));
        Json.texts(d, "data.win.eventdata.subjectUserName").stream().filter(u -> !u.endsWith("$")).forEach(a::user);
        a.users(Json.texts(d, "syscheck.audit.user.name", "syscheck.audit.login_user.name"));
        String agent = Json.text(d, "agent.id");
        if (agent != null) {
            a.hostId(NAME + ":" + agent);
        }
        return a.build(receivedAt);
    }

    static Severity severity(int level) {
        if (level <= 3) {
            return Severity.INFO;
        }
        if (level <= 6) {
            return Severity.LOW;
        }
        if (level <= 9) {
            return Severity.MEDIUM;
        }
        return level <= 12 ? Severity.HIGH : Severity.CRITICAL;
    }
}
