package org.isms.incident.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.events.EventEnvelope;
import org.isms.incident.config.IntakeConfig;
import org.isms.incident.domain.Alert.Disposition;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.PriorityMatrix;
import org.isms.incident.domain.Severity;
import org.isms.incident.messaging.IncidentEvents;
import org.isms.incident.repository.IncidentRepository;
import org.isms.incident.repository.IntakeStatements;
import org.isms.incident.repository.IntakeStatements.Escalation;
import org.isms.incident.repository.IntakeStatements.Existing;
import org.isms.incident.repository.IntakeStatements.Match;
import org.isms.platform.net.Addresses;
import org.isms.platform.time.Clocks;

/**
 * The one pipeline both doors feed (Kafka and the webhook): a batch of normalized alerts, in one transaction, in a
 * fixed number of statements whatever its size.
 * <ol>
 * <li>each alert kept once per tenant, source system and source alert id: one already kept (or twice in the batch)
 * is a duplicate and changes nothing;</li>
 * <li>matched to the tenant's assets on host names, addresses and external ids;</li>
 * <li>given our severity (the source's, or the configured default), and a disposition: below the minimum severity
 * or of an ignored rule it is kept without an incident; otherwise its correlation key (source, rule, the assets
 * it matched, or its first host or address when it matched none) decides the incident: the open one the key's
 * last alert joined within the window, or a new one;</li>
 * <li>new incidents get the tenant's next numbers, the priority of the matrix for their severity and most critical
 * asset, and an {@code opened} event; joined ones their count, times and assets, and an {@code escalated} event
 * when the alerts raised their severity or priority or hit assets they had not hit.</li>
 * </ol>
 */
@ApplicationScoped
public class AlertIntake {
    private final IntakeStatements statements;
    private final IncidentRepository incidents;
    private final IncidentEvents events;
    private final IntakeConfig config;
    private final PriorityMatrix matrix;
    private final Set<String> ignored;
    private final Clock clock;

    public AlertIntake(IntakeStatements statements, IncidentRepository incidents, IncidentEvents events,
            IntakeConfig config, Clock clock) {
        this.statements = statements;
        this.incidents = incidents;
        this.events = events;
        this.config = config;
        this.matrix = PriorityMatrix.of(config.priority(), config.unmatchedCriticality());
        this.ignored = new HashSet<>(config.ignoredRules().orElse(List.of()));
        this.clock = clock;
    }

    /**
     * An alert, the tenant it belongs to, and the document's JSON text when it came alone (a record or a body of one
     * alert), which is kept as it is; null: the alert's parsed document is written out again.
     */
    public record Received(String tenant, NormalizedAlert alert, String rawText) {
        public Received(String tenant, NormalizedAlert alert) {
            this(tenant, alert, null);
        }
    }

    /** What became of one alert of the batch, in the batch's order. */
    public record Outcome(UUID alertId, boolean duplicate, UUID incidentId, Disposition disposition,
            List<UUID> assetIds) {
    }

    /** The alerts of one correlation key in this batch. */
    private static final class Group {
        final String tenant;
        final String key;
        final UUID proposed = UUID.randomUUID();
        final List<Integer> members = new ArrayList<>();
        final Set<UUID> assets = new LinkedHashSet<>();
        final List<String> assetNames = new ArrayList<>();
        OffsetDateTime first;
        OffsetDateTime last;
        Severity severity = Severity.INFO;
        Priority priority = Priority.P4;
        boolean personalData;
        UUID incident;
        int inserted;
        UUID openingAlert;
        /** The incident it opened, as written (for its event: not read back). */
        Incident opened;

        Group(String tenant, String key) {
            this.tenant = tenant;
            this.key = key;
        }

        boolean opened() {
            return proposed.equals(incident);
        }
    }

    /**
     * Whether PostgreSQL refused the alerts themselves, which no retry changes: a value it cannot store (class 22, e.g.
     * a {@code \u0000}), a constraint (23), a value over a limit (54, e.g. a key too long for its index).
     */
    public static boolean refused(Throwable f) {
        String state = org.isms.platform.error.SqlStates.of(f);
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    /** Ingests the batch in one transaction; the outcomes in the batch's order. */
    public Uni<List<Outcome>> ingest(List<Received> batch) {
        return Panache.withTransaction(() -> run(batch));
    }

    private Uni<List<Outcome>> run(List<Received> batch) {
        OffsetDateTime now = Clocks.now(clock);
        int size = batch.size();
        // 1. the same alert twice in the batch: the first stands for both
        Map<String, Integer> firstOf = new HashMap<>();
        int[] sameAs = new int[size];
        ArrayNode keys = array();
        for (int n = 0; n < size; n++) {
            NormalizedAlert a = batch.get(n).alert();
            Integer f = firstOf.putIfAbsent(batch.get(n).tenant() + "\n" + a.sourceSystem() + "\n" + a.sourceAlertId(), n);
            sameAs[n] = f == null ? n : f;
            if (f == null) {
                keys.addObject().put("n", n).put("tenant", batch.get(n).tenant()).put("system", a.sourceSystem())
                        .put("sid", a.sourceAlertId());
            }
        }
        return statements.existing(keys).chain(existing -> {
            List<Integer> fresh = new ArrayList<>();
            for (int n = 0; n < size; n++) {
                if (sameAs[n] == n && !existing.containsKey(n)) {
                    fresh.add(n);
                }
            }
            return statements.match(identifiers(batch, fresh))
                    .chain(matches -> correlateAndStore(batch, sameAs, existing, fresh, matches, now));
        });
    }

    private Uni<List<Outcome>> correlateAndStore(List<Received> batch, int[] sameAs, Map<Integer, Existing> existing,
            List<Integer> fresh, Map<Integer, List<Match>> matches, OffsetDateTime now) {
        Map<Integer, Severity> severity = new HashMap<>();
        Map<Integer, Disposition> disposition = new HashMap<>();
        Map<Integer, Group> groupOf = new HashMap<>();
        Map<String, Group> groups = new TreeMap<>();
        for (int n : fresh) {
            Received r = batch.get(n);
            NormalizedAlert a = r.alert();
            Severity s = a.severity() != null ? a.severity() : config.defaultSeverity();
            severity.put(n, s);
            List<Match> m = matches.getOrDefault(n, List.of());
            if (ignored.contains(a.format() + ":" + a.ruleKey()) || ignored.contains(a.sourceSystem() + ":" + a.ruleKey())
                    || ignored.contains("*:" + a.ruleKey())) {
                disposition.put(n, Disposition.IGNORED_RULE);
                continue;
            }
            if (!s.atLeast(config.minSeverity())) {
                disposition.put(n, Disposition.BELOW_THRESHOLD);
                continue;
            }
            String key = correlationKey(a, m);
            Group g = groups.computeIfAbsent(r.tenant() + "\n" + key, k -> new Group(r.tenant(), key));
            g.members.add(n);
            for (Match x : m) {
                if (g.assets.add(x.assetId())) {
                    g.assetNames.add(x.name());
                }
                g.personalData |= x.personalData();
            }
            g.first = g.first == null || a.firstSeen().isBefore(g.first) ? a.firstSeen() : g.first;
            g.last = g.last == null || a.lastSeen().isAfter(g.last) ? a.lastSeen() : g.last;
            g.severity = Severity.max(g.severity, s);
            int criticality = m.stream().mapToInt(Match::criticality).max().orElse(0);
            g.priority = Priority.highest(g.priority, matrix.priority(s, criticality));
            groupOf.put(n, g);
        }
        ArrayNode correlations = array();
        for (Group g : groups.values()) {
            correlations.addObject().put("tenant", g.tenant).put("key", g.key).put("proposed", g.proposed.toString())
                    .put("first_seen", time(g.first)).put("last_seen", time(g.last));
        }
        return statements.correlate(correlations, config.window()).chain(joined -> {
            groups.values().forEach(g -> g.incident = joined.get(g.tenant + "\n" + g.key));
            Map<Integer, UUID> ids = new HashMap<>();
            ArrayNode rows = array();
            for (int n : fresh) {
                Received r = batch.get(n);
                Group g = groupOf.get(n);
                UUID id = UUID.randomUUID();
                ids.put(n, id);
                Disposition d = g == null ? disposition.get(n)
                        : g.opened() && g.members.get(0) == n ? Disposition.OPENED : Disposition.JOINED;
                disposition.put(n, d);
                rows.add(alertRow(id, r, severity.get(n), matches.getOrDefault(n, List.of()), d,
                        g == null ? null : g.incident, now));
            }
            return statements.insertAlerts(rows).chain(inserted -> {
                for (Group g : groups.values()) {
                    for (int n : g.members) {
                        if (inserted.contains(ids.get(n))) {
                            g.inserted++;
                            if (g.openingAlert == null) {
                                g.openingAlert = ids.get(n);
                            }
                        }
                    }
                }
                return openAndJoin(groups.values(), batch, now)
                        .map(v -> outcomes(batch, sameAs, existing, ids, inserted, groupOf, disposition, matches));
            });
        });
    }

    /** Opens the new incidents, updates the joined ones, forgets keys whose proposed incident got no alert. */
    private Uni<Void> openAndJoin(java.util.Collection<Group> groups, List<Received> batch, OffsetDateTime now) {
        List<Group> opening = groups.stream().filter(g -> g.opened() && g.inserted > 0).toList();
        List<Group> joining = groups.stream().filter(g -> !g.opened() && g.inserted > 0).toList();
        ArrayNode unused = array();
        groups.stream().filter(g -> g.opened() && g.inserted == 0).forEach(g -> unused.add(g.proposed.toString()));
        Map<String, List<Group>> byTenant = opening.stream()
                .collect(Collectors.groupingBy(g -> g.tenant, TreeMap::new, Collectors.toList()));
        Uni<Void> numbered = Uni.createFrom().voidItem();
        ArrayNode incidentRows = array();
        ArrayNode timeline = array();
        for (Map.Entry<String, List<Group>> t : byTenant.entrySet()) {
            numbered = numbered.chain(() -> statements.allocateNumbers(t.getKey(), t.getValue().size()).invoke(last -> {
                long number = last - t.getValue().size();
                for (Group g : t.getValue()) {
                    number++;
                    NormalizedAlert a = batch.get(g.members.get(0)).alert();
                    String title = a.ruleName() + (g.assetNames.isEmpty() ? "" : " on " + String.join(", ",
                            g.assetNames.subList(0, Math.min(3, g.assetNames.size()))));
                    incidentRows.add(incidentRow(g, number, title, a, now));
                    g.opened = written(g, number, title, a, now);
                    timeline.add(change(g.tenant, g.incident, now, "OPENED", "opened by " + g.inserted + " alert(s) of "
                            + a.sourceSystem() + " rule " + a.ruleKey() + ", " + g.severity + ", " + g.priority
                            + (g.assets.isEmpty() ? ", no asset matched" : "")));
                }
            })).replaceWithVoid();
        }
        // one row per incident: two keys may lead to one (after a merge), and an UPDATE … FROM applies one row only
        ArrayNode joinRows = array();
        Map<UUID, List<Group>> byIncident = joining.stream()
                .collect(Collectors.groupingBy(g -> g.incident, TreeMap::new, Collectors.toList()));
        byIncident.forEach((incident, gs) -> {
            Set<UUID> assets = new LinkedHashSet<>();
            gs.forEach(g -> assets.addAll(g.assets));
            joinRows.addObject().put("id", incident.toString()).put("tenant", gs.get(0).tenant)
                    .put("n", gs.stream().mapToInt(g -> g.inserted).sum())
                    .put("first_seen", time(gs.stream().map(g -> g.first).min(Comparator.naturalOrder()).orElseThrow()))
                    .put("last_seen", time(gs.stream().map(g -> g.last).max(Comparator.naturalOrder()).orElseThrow()))
                    .put("severity", gs.stream().map(g -> g.severity).reduce(Severity::max).orElseThrow().name())
                    .put("priority", gs.stream().map(g -> g.priority).reduce(Priority::highest).orElseThrow().name())
                    .put("personal_data", gs.stream().anyMatch(g -> g.personalData))
                    .set("asset_ids", uuids(assets));
        });
        return numbered
                .chain(() -> statements.insertIncidents(incidentRows))
                .chain(() -> statements.joinIncidents(joinRows))
                .chain(escalations -> statements.release(unused).chain(() -> announce(opening, escalations,
                        joining, timeline, now)));
    }

    /** The opened and escalated events, with the timeline entries. */
    private Uni<Void> announce(List<Group> opening, List<Escalation> escalations, List<Group> joining,
            ArrayNode timeline, OffsetDateTime now) {
        List<EventEnvelope> out = new ArrayList<>();
        for (Group g : opening) {
            out.add(events.opened(g.opened, g.openingAlert, null));
        }
        Map<UUID, Escalation> escalated = new HashMap<>();
        escalations.forEach(e -> escalated.put(e.incidentId(), e));
        Map<UUID, Integer> joinedBy = new HashMap<>();
        joining.forEach(g -> joinedBy.merge(g.incident, g.inserted, Integer::sum));
        if (escalated.isEmpty()) {
            return statements.timeline(timeline).chain(() -> events.appendAll(out));
        }
        return incidents.findAll(escalated.keySet()).chain(found -> incidents.regimesOf(escalated.keySet()).chain(regimes -> {
            for (Incident i : found.stream().sorted(Comparator.comparing((Incident x) -> x.number)).toList()) {
                Escalation e = escalated.get(i.id);
                List<String> changed = new ArrayList<>();
                if (!e.previousPriority().equals(i.priority.name())) {
                    changed.add("priority");
                }
                if (!e.previousSeverity().equals(i.severity.name())) {
                    changed.add("severity");
                }
                int by = joinedBy.getOrDefault(i.id, 0);
                if (e.widened()) {
                    changed.add("assets");
                }
                String reason = by + " alert(s) joined: " + (changed.contains("priority")
                        ? "priority " + e.previousPriority() + "→" + i.priority + " " : "")
                        + (changed.contains("severity") ? "severity " + e.previousSeverity() + "→" + i.severity + " "
                                : "")
                        + (changed.contains("assets") ? "hit more assets" : "").strip();
                timeline.add(change(i.tenantId, i.id, now, "ESCALATED", reason.strip()));
                out.add(events.escalated(i, regimes.getOrDefault(i.id, List.of()), e.previousPriority(),
                        e.previousSeverity(), changed, reason.strip(), null));
            }
            return statements.timeline(timeline).chain(() -> events.appendAll(out));
        }));
    }

    /** The new incident as {@link #incidentRow} writes it, for its {@code opened} event. */
    private static Incident written(Group g, long number, String title, NormalizedAlert a, OffsetDateTime now) {
        Incident i = new Incident();
        i.id = g.incident;
        i.tenantId = g.tenant;
        i.number = number;
        i.title = title.length() > 500 ? title.substring(0, 500) : title;
        i.status = org.isms.incident.domain.IncidentStatus.NEW;
        i.severity = g.severity;
        i.priority = g.priority;
        i.ciaHit = new String[0];
        i.personalData = g.personalData;
        i.correlationKey = g.key;
        i.sourceSystem = a.sourceSystem();
        i.ruleId = a.ruleKey();
        i.alertCount = g.inserted;
        i.firstSeen = g.first;
        i.lastSeen = g.last;
        i.assetIds = g.assets.toArray(UUID[]::new);
        i.riskIds = new UUID[0];
        i.openedAt = now;
        i.createdAt = now;
        i.updatedAt = now;
        return i;
    }

    private List<Outcome> outcomes(List<Received> batch, int[] sameAs, Map<Integer, Existing> existing,
            Map<Integer, UUID> ids, Set<UUID> inserted, Map<Integer, Group> groupOf, Map<Integer, Disposition> disp,
            Map<Integer, List<Match>> matches) {
        List<Outcome> out = new ArrayList<>(batch.size());
        for (int n = 0; n < batch.size(); n++) {
            int f = sameAs[n];
            Existing e = existing.get(f);
            if (e != null) {
                out.add(new Outcome(e.id(), true, e.incidentId(), Disposition.valueOf(e.disposition()), List.of()));
                continue;
            }
            UUID id = ids.get(f);
            Group g = groupOf.get(f);
            List<UUID> assets = matches.getOrDefault(f, List.of()).stream().map(Match::assetId).toList();
            // another instance kept the same alert meanwhile: a duplicate whose id this batch does not know
            boolean kept = inserted.contains(id);
            out.add(kept ? new Outcome(id, f != n, g == null ? null : g.incident, disp.get(f), assets)
                    : new Outcome(null, true, null, null, assets));
        }
        return out;
    }

    /** The host names (with their first label), addresses and host ids of the new alerts, for {@code MATCH}. */
    private static ArrayNode identifiers(List<Received> batch, List<Integer> fresh) {
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

    /**
     * The rule on the assets: {@code system|rule|asset,asset}; an alert that matched nothing correlates on its first
     * host name or address instead (repeats from one unknown machine still join one incident).
     */
    static String correlationKey(NormalizedAlert a, List<Match> matches) {
        String on = matches.isEmpty()
                ? (!a.hosts().isEmpty() ? "host:" + a.hosts().get(0) : !a.ips().isEmpty() ? "ip:" + a.ips().get(0) : "-")
                : matches.stream().map(m -> m.assetId().toString()).sorted().collect(Collectors.joining(","));
        String key = a.sourceSystem() + "|" + a.ruleKey() + "|" + on;
        // a long key (a rule named at length, many assets) as its digest: it is a primary key, whose entries are bounded
        return key.length() <= 300 ? key : "sha256:" + sha256(key);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode alertRow(UUID id, Received r, Severity severity, List<Match> matches, Disposition d,
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

    private static ObjectNode incidentRow(Group g, long number, String title, NormalizedAlert a, OffsetDateTime now) {
        ObjectNode row = JsonNodeFactory.instance.objectNode()
                .put("id", g.incident.toString()).put("tenant_id", g.tenant).put("number", number)
                .put("title", title.length() > 500 ? title.substring(0, 500) : title).put("status", "NEW")
                .put("severity", g.severity.name()).put("priority", g.priority.name()).put("correlation_key", g.key)
                .put("source_system", a.sourceSystem()).put("rule_id", a.ruleKey()).put("alert_count", g.inserted)
                .put("first_seen", time(g.first)).put("last_seen", time(g.last)).put("personal_data", g.personalData)
                .put("opened_at", time(now)).put("created_at", time(now)).put("updated_at", time(now));
        row.set("asset_ids", uuids(g.assets));
        return row;
    }

    static ObjectNode change(String tenant, UUID incident, OffsetDateTime at, String kind, String summary) {
        return JsonNodeFactory.instance.objectNode().put("id", UUID.randomUUID().toString()).put("tenant_id", tenant)
                .put("incident_id", incident.toString()).put("at", time(at)).put("kind", kind).put("summary", summary);
    }

    private static ArrayNode texts(List<String> values) {
        ArrayNode out = array();
        values.forEach(out::add);
        return out;
    }

    private static ArrayNode uuids(java.util.Collection<UUID> values) {
        ArrayNode out = array();
        values.forEach(v -> out.add(v.toString()));
        return out;
    }

    private static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
}
