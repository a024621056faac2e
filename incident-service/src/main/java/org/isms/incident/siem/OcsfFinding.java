package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;

/**
 * An OCSF (Open Cybersecurity Schema Framework, schema 1.1 to 1.3) Detection Finding (class 2004) or Incident
 * Finding (class 2005), as schema.ocsf.io defines them: category 2, integer enums, times as epoch milliseconds.
 * <ul>
 * <li>id: a Detection Finding's {@code finding_info.uid} (stable across its Create, Update and Close activities);
 * an Incident Finding has no id attribute of its own: {@code metadata.correlation_uid}, else {@code metadata.uid};</li>
 * <li>rule: {@code finding_info.analytic.uid} and {@code .name}, else the finding's title; an Incident Finding is
 * named by its {@code desc} (its related findings' analytics stay in the raw document);</li>
 * <li>severity: {@code severity_id} 1 Informational … 5 Critical, 6 Fatal as CRITICAL; 0 Unknown and 99 Other by
 * the {@code severity} caption's words;</li>
 * <li>time: {@code finding_info.first_seen_time}/{@code last_seen_time}, else {@code start_time}/{@code end_time}
 * (for 2005 also its findings' earliest and latest), else {@code time};</li>
 * <li>hosts and addresses: {@code device}, the evidences' devices and endpoints, the resources' names (1.4 adds
 * hostname and ip), the observables typed Hostname (1) and IP Address (2); users: the actor's, the evidences'
 * actors' and users', the observables typed User Name (4) — not the 2005 {@code assignee}, who works the incident.</li>
 * </ul>
 */
public class OcsfFinding implements AlertFormat {
    public static final String NAME = "ocsf";
    static final int DETECTION_FINDING = 2004;
    static final int INCIDENT_FINDING = 2005;
    private static final Map<String, Severity> WORDS = Map.ofEntries(
            Map.entry("info", Severity.INFO), Map.entry("informational", Severity.INFO),
            Map.entry("low", Severity.LOW), Map.entry("minor", Severity.LOW),
            Map.entry("medium", Severity.MEDIUM), Map.entry("moderate", Severity.MEDIUM),
            Map.entry("warning", Severity.MEDIUM), Map.entry("high", Severity.HIGH), Map.entry("major", Severity.HIGH),
            Map.entry("severe", Severity.HIGH), Map.entry("important", Severity.HIGH),
            Map.entry("critical", Severity.CRITICAL), Map.entry("fatal", Severity.CRITICAL),
            Map.entry("emergency", Severity.CRITICAL));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean detects(JsonNode d) {
        int c = d.path("class_uid").asInt(-1);
        return d.path("class_uid").isIntegralNumber() && (c == DETECTION_FINDING || c == INCIDENT_FINDING)
                && d.path("metadata").path("product").isObject();
    }

    @Override
    public NormalizedAlert parse(JsonNode d, OffsetDateTime receivedAt) {
        JsonNode classUid = d.get("class_uid");
        int c = classUid != null && classUid.isIntegralNumber() ? classUid.intValue() : -1;
        if (c != DETECTION_FINDING && c != INCIDENT_FINDING) {
            throw new UnreadableAlertException("an OCSF alert is a Detection Finding (class_uid 2004) or an Incident"
                    + " Finding (2005), not class_uid " + (classUid == null ? "(none)" : classUid.asText()));
        }
        JsonNode product = d.path("metadata").path("product");
        String system = Json.text(product, "name", "uid", "vendor_name");
        if (system == null) {
            throw new UnreadableAlertException("an OCSF finding needs metadata.product (its name, uid or vendor_name)");
        }
        AlertBuilder a = new AlertBuilder(NAME, d);
        OffsetDateTime time = time(d, "time");
        if (c == DETECTION_FINDING) {
            String uid = Json.text(d, "finding_info.uid", "metadata.uid");
            a.source("ocsf:" + system, uid)
                    .rule(Json.text(d, "finding_info.analytic.uid"),
                            Json.text(d, "finding_info.analytic.name", "finding_info.title", "message"))
                    .seen(Json.firstNonNull(time(d, "finding_info.first_seen_time"), time(d, "start_time"), time),
                            Json.firstNonNull(time(d, "finding_info.last_seen_time"), time(d, "end_time"), time));
        } else {
            List<OffsetDateTime> firsts = times(d, "finding_info_list.first_seen_time");
            List<OffsetDateTime> lasts = times(d, "finding_info_list.last_seen_time");
            a.source("ocsf:" + system, Json.text(d, "metadata.correlation_uid", "metadata.uid"))
                    .rule(null, Json.text(d, "desc", "message", "finding_info_list.title"))
                    .seen(Json.firstNonNull(time(d, "start_time"),
                            firsts.stream().min(Comparator.naturalOrder()).orElse(null), time),
                            Json.firstNonNull(time(d, "end_time"),
                                    lasts.stream().max(Comparator.naturalOrder()).orElse(null), time));
        }
        severity(a, d);
        a.hosts(Json.texts(d, "device.hostname", "device.name"))
                .ips(Json.texts(d, "device.ip"))
                .hosts(Json.texts(d, "evidences.device.hostname"))
                .ips(Json.texts(d, "evidences.device.ip"))
                .hosts(Json.texts(d, "evidences.src_endpoint.hostname", "evidences.dst_endpoint.hostname"))
                .ips(Json.texts(d, "evidences.src_endpoint.ip", "evidences.dst_endpoint.ip"))
                .hosts(Json.texts(d, "resources.hostname"))
                .ips(Json.texts(d, "resources.ip"));
        for (JsonNode o : Json.all(d, "observables")) {
            String value = Json.text(o, "value");
            switch (o.path("type_id").asInt()) {
                case 1 -> a.host(value);
                case 2 -> a.ip(value);
                case 4 -> a.user(value);
                default -> {
                }
            }
        }
        a.users(Json.texts(d, "actor.user.name", "evidences.actor.user.name", "evidences.user.name",
                "evidences.actor.process.user.name", "evidences.process.user.name"));
        Json.texts(d, "device.uid", "device.instance_uid").forEach(a::hostId);
        return a.build(receivedAt);
    }

    private static void severity(AlertBuilder a, JsonNode d) {
        JsonNode id = d.get("severity_id");
        String caption = Json.text(d, "severity");
        if (id == null || !id.isIntegralNumber()) {
            throw new UnreadableAlertException("an OCSF finding needs severity_id, an integer");
        }
        String original = "severity_id=" + id.intValue() + (caption == null ? "" : " (" + caption + ")");
        Severity s = switch (id.intValue()) {
            case 1 -> Severity.INFO;
            case 2 -> Severity.LOW;
            case 3 -> Severity.MEDIUM;
            case 4 -> Severity.HIGH;
            case 5, 6 -> Severity.CRITICAL;
            default -> caption == null ? null : WORDS.get(caption.toLowerCase(Locale.ROOT));
        };
        a.severity(s, original);
    }

    /**
     * An OCSF time (timestamp_t: epoch milliseconds). Producers that write seconds or microseconds by mistake are
     * read by magnitude: below 10^11 seconds, above 10^14 microseconds.
     */
    private static OffsetDateTime time(JsonNode d, String path) {
        String v = Json.text(d, path);
        if (v == null) {
            return null;
        }
        JsonNode n = Json.first(d, path);
        if (n != null && n.isNumber()) {
            double x = n.doubleValue();
            if (x > 0 && x < 1e11) {
                return Json.epochSeconds(n.asText(), path);
            }
            if (x > 1e14) {
                return Json.epochMillis(Long.toString(n.longValue() / 1000), path);
            }
        }
        return Json.epochMillis(v, path);
    }

    private static List<OffsetDateTime> times(JsonNode d, String path) {
        return Json.all(d, path).stream().map(n -> n.isNumber() ? Json.epochMillis(n.asText(), path) : null)
                .filter(Objects::nonNull).toList();
    }
}
