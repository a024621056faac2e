package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;

/**
 * The JSON Splunk Enterprise and Splunk Cloud POST for the "Webhook" alert action ("Use a webhook alert action",
 * Alerting Manual): {@code sid}, {@code search_name}, {@code app}, {@code owner}, {@code results_link} and
 * {@code result}, the first result row, every value a string and a multivalue field an array of strings. A row of
 * Splunk Enterprise Security's {@code notable} index carries the notable's fields (event_id, rule_name, urgency,
 * orig_host, …).
 * <ul>
 * <li>id: a notable's {@code event_id}; otherwise the search run's {@code sid} with a digest of the row, because a
 * "for each result" alert posts every row with the same sid;</li>
 * <li>rule: the correlation search's name ({@code result.search_name}) for a notable, with its {@code rule_name};
 * otherwise the saved search's {@code search_name} (ES sets a notable's {@code rule_id} to its event_id, so it names no
 * rule);</li>
 * <li>severity: the webhook has none of its own: the row's {@code urgency}, else its {@code severity} (words or
 * Splunk's 1–6), else the intake's default;</li>
 * <li>time: {@code firstTime}/{@code lastTime} ({@code stats min(_time) max(_time)}), else {@code _time}, else the
 * search window ({@code info_min_time}/{@code info_max_time}); epoch seconds, or ISO-8601 as the REST API writes it;</li>
 * <li>hosts from the CIM fields (dest, orig_host, dvc, src, …) and {@code host}, except on a notable, whose
 * {@code host} is the ES search head; addresses from src_ip, dest_ip, dvc_ip; users from user, src_user, dest_user.</li>
 * </ul>
 */
public class SplunkWebhook implements AlertFormat {
    public static final String NAME = "splunk";
    private static final String[] HOST_FIELDS = { "dest", "dest_host", "dest_nt_host", "orig_host", "dvc", "src",
            "src_host", "src_nt_host", "ComputerName" };
    private static final String[] IP_FIELDS = { "src_ip", "dest_ip", "dvc_ip" };
    private static final String[] USER_FIELDS = { "user", "src_user", "dest_user" };
    private static final Map<String, Severity> SEVERITIES = Map.ofEntries(
            Map.entry("informational", Severity.INFO), Map.entry("info", Severity.INFO), Map.entry("1", Severity.INFO),
            Map.entry("2", Severity.INFO), Map.entry("low", Severity.LOW), Map.entry("medium", Severity.MEDIUM),
            Map.entry("warn", Severity.MEDIUM), Map.entry("warning", Severity.MEDIUM), Map.entry("3", Severity.MEDIUM),
            Map.entry("high", Severity.HIGH), Map.entry("error", Severity.HIGH), Map.entry("4", Severity.HIGH),
            Map.entry("critical", Severity.CRITICAL), Map.entry("severe", Severity.CRITICAL),
            Map.entry("fatal", Severity.CRITICAL), Map.entry("5", Severity.CRITICAL), Map.entry("6", Severity.CRITICAL));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean detects(JsonNode d) {
        return d.path("sid").isTextual() && d.has("result") && d.has("search_name");
    }

    @Override
    public NormalizedAlert parse(JsonNode d, OffsetDateTime receivedAt) {
        String sid = Json.text(d, "sid");
        JsonNode result = d.get("result");
        if (sid == null || result == null || !result.isObject()) {
            throw new UnreadableAlertException("a Splunk webhook needs 'sid' and the 'result' row (an object)");
        }
        String eventId = Json.text(result, "event_id");
        boolean notable = eventId != null || "notable".equals(Json.text(result, "index"))
                || "stash".equals(Json.text(result, "sourcetype"));
        String searchName = Json.text(d, "search_name");
        String ruleId = notable ? Json.firstNonNull(Json.text(result, "search_name"), Json.text(result, "source"), searchName)
                : searchName;
        if (ruleId == null) {
            ruleId = "adhoc:" + sid;
        }
        String ruleName = notable ? Json.firstNonNull(Json.text(result, "rule_name"), Json.text(result, "rule_title"), ruleId)
                : ruleId;

        AlertBuilder a = new AlertBuilder(NAME, d)
                .source(NAME, eventId != null ? eventId : sid + ":" + AlertBuilder.digest(result))
                .rule(ruleId, ruleName);
        severity(a, result);
        OffsetDateTime time = time(result, "_time");
        OffsetDateTime first = Json.firstNonNull(time(result, "firstTime"), time, time(result, "info_min_time"));
        OffsetDateTime last = Json.firstNonNull(time(result, "lastTime"), time, time(result, "info_max_time"));
        a.seen(first, last);
        for (String f : HOST_FIELDS) {
            a.hosts(Json.texts(result, f));
        }
        if (!notable) {
            a.hosts(Json.texts(result, "host"));
        }
        for (String f : IP_FIELDS) {
            a.ips(Json.texts(result, f));
        }
        for (String f : USER_FIELDS) {
            a.users(Json.texts(result, f));
        }
        return a.build(receivedAt);
    }

    private static void severity(AlertBuilder a, JsonNode result) {
        for (String field : new String[] { "urgency", "severity", "alert_severity" }) {
            String v = Json.text(result, field);
            Severity s = v == null ? null : SEVERITIES.get(v.toLowerCase(Locale.ROOT));
            if (s != null) {
                a.severity(s, field + "=" + v);
                return;
            }
        }
    }

    /** A Splunk time: epoch seconds as a string, any fraction, or ISO-8601 (the REST API's rendering). */
    private static OffsetDateTime time(JsonNode result, String field) {
        String v = Json.text(result, field);
        if (v == null) {
            return null;
        }
        return v.indexOf('T') > 0 ? Json.isoTime(v, field) : Json.epochSeconds(v, field);
    }
}
