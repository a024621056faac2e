package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.isms.events.EventJson;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;
import org.isms.platform.net.Addresses;

/**
 * Collects what a parser reads into a {@link NormalizedAlert}, the same way for every format: host names lower-case
 * (a value that is an IP address goes to the addresses), addresses canonical, placeholders ("-", "unknown", "N/A")
 * and values that are neither dropped, each list without repeats in the order met and at most {@value #MAX_VALUES}
 * long; times defaulted (first seen: when received; last seen: first seen) and ordered.
 */
final class AlertBuilder {
    static final int MAX_VALUES = 50;
    static final int MAX_ID = 200;
    static final int MAX_NAME = 500;
    private static final Set<String> PLACEHOLDERS = Set.of("", "-", "unknown", "n/a", "na", "none", "null");

    private final String format;
    private final JsonNode raw;
    private String sourceSystem;
    private String sourceAlertId;
    private String ruleId;
    private String ruleName;
    private Severity severity;
    private String originalSeverity;
    private OffsetDateTime firstSeen;
    private OffsetDateTime lastSeen;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Set<String> ips = new LinkedHashSet<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Set<String> hostIds = new LinkedHashSet<>();

    AlertBuilder(String format, JsonNode raw) {
        this.format = format;
        this.raw = raw;
    }

    AlertBuilder source(String system, String alertId) {
        this.sourceSystem = system;
        this.sourceAlertId = alertId;
        return this;
    }

    AlertBuilder rule(String id, String name) {
        this.ruleId = id;
        this.ruleName = name;
        return this;
    }

    /** Our severity (null: the source gives none, the intake's default applies) and the source's own value. */
    AlertBuilder severity(Severity ours, String original) {
        this.severity = ours;
        this.originalSeverity = original;
        return this;
    }

    AlertBuilder seen(OffsetDateTime first, OffsetDateTime last) {
        this.firstSeen = first;
        this.lastSeen = last;
        return this;
    }

    /** Host names (or addresses, which go to the IPs), in order of relevance. */
    AlertBuilder hosts(List<String> values) {
        values.forEach(this::host);
        return this;
    }

    AlertBuilder host(String value) {
        if (value == null || placeholder(value)) {
            return this;
        }
        String v = value.strip();
        if (Addresses.ipAddress(v) != null) {
            return ip(v);
        }
        String name = Addresses.hostname(v);
        if (name != null && hosts.size() < MAX_VALUES) {
            hosts.add(name);
        }
        return this;
    }

    AlertBuilder ips(List<String> values) {
        values.forEach(this::ip);
        return this;
    }

    AlertBuilder ip(String value) {
        if (value == null) {
            return this;
        }
        String v = value.strip();
        byte[] address = Addresses.ipAddress(v);
        if (address != null && !local(address) && ips.size() < MAX_VALUES) {
            ips.add(Addresses.ipOrNetwork(v));
        }
        return this;
    }

    AlertBuilder users(List<String> values) {
        values.forEach(this::user);
        return this;
    }

    /** A user name as the source writes it ({@code DOMAIN\jdoe}, {@code jdoe@acme.example}); repeats ignoring case. */
    AlertBuilder user(String value) {
        if (value == null || placeholder(value)) {
            return this;
        }
        String v = value.strip();
        if (v.length() <= MAX_NAME && users.size() < MAX_VALUES) {
            users.putIfAbsent(v.toLowerCase(Locale.ROOT), v);
        }
        return this;
    }

    /** An id the source gives a host (an agent id, a cloud resource id), matched against assets' external ids. */
    AlertBuilder hostId(String value) {
        if (value != null && !placeholder(value) && value.strip().length() <= MAX_NAME && hostIds.size() < MAX_VALUES) {
            hostIds.add(value.strip().toLowerCase(Locale.ROOT));
        }
        return this;
    }

    NormalizedAlert build(OffsetDateTime receivedAt) {
        if (sourceAlertId == null || sourceAlertId.isBlank()) {
            throw new UnreadableAlertException("a " + format + " alert needs its id; none found");
        }
        if (sourceSystem == null || sourceSystem.length() > MAX_ID) {
            throw new UnreadableAlertException("the source system's name (" + format + ": the manager or product) is"
                    + " missing or longer than " + MAX_ID + " characters");
        }
        if (sourceAlertId.length() > MAX_ID) {
            throw new UnreadableAlertException("the alert id is longer than " + MAX_ID + " characters");
        }
        String name = ruleName != null ? ruleName : ruleId;
        if (name == null) {
            throw new UnreadableAlertException("a " + format + " alert needs the name or id of the rule that fired;"
                    + " none found");
        }
        if (ruleId != null && ruleId.length() > MAX_ID) {
            throw new UnreadableAlertException("the rule id is longer than " + MAX_ID + " characters");
        }
        OffsetDateTime first = firstSeen != null ? firstSeen : lastSeen != null ? lastSeen : receivedAt;
        OffsetDateTime last = lastSeen != null ? lastSeen : first;
        // a source's clock ahead of ours (or a time typed wrong) must not keep a correlation open for years
        first = first.isAfter(receivedAt) ? receivedAt : first;
        last = last.isAfter(receivedAt) ? receivedAt : last;
        if (last.isBefore(first)) {
            OffsetDateTime t = first;
            first = last;
            last = t;
        }
        return new NormalizedAlert(format, sourceSystem, sourceAlertId, ruleId, clip(name), severity,
                originalSeverity == null ? null : clip(originalSeverity), first, last, List.copyOf(hosts),
                List.copyOf(ips), List.copyOf(users.values()), List.copyOf(hostIds), raw);
    }

    /** Loopback, link-local or unspecified: the host itself, never an asset to match. */
    private static boolean local(byte[] address) {
        try {
            InetAddress a = InetAddress.getByAddress(address);
            return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }

    private static boolean placeholder(String v) {
        return PLACEHOLDERS.contains(v.strip().toLowerCase(Locale.ROOT));
    }

    /** The first 16 hex digits of the SHA-256 of the node as canonical JSON (keys sorted at every level, compact). */
    static String digest(JsonNode node) {
        return sha256Hex(canonicalText(node)).substring(0, 16);
    }

    /** The node as canonical JSON: keys sorted at every level, no white space. */
    static String canonicalText(JsonNode node) {
        return EventJson.write(canonical(node));
    }

    static String sha256Hex(String text) {
        return org.isms.incident.domain.Digests.sha256Hex(text);
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(f -> sorted.put(f.getKey(), canonical(f.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(e -> elements.add(canonical(e)));
            return JsonNodeFactory.instance.arrayNode().addAll(elements);
        }
        return node;
    }
}
