package org.isms.incident.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.incident.config.IntakeConfig;
import org.isms.incident.domain.Alert.Disposition;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.PriorityMatrix;
import org.isms.incident.domain.Severity;
import org.isms.incident.repository.IntakeStatements;
import org.isms.incident.repository.IntakeStatements.Existing;
import org.isms.incident.repository.IntakeStatements.Match;
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
 * when the alerts raised their severity or priority or hit assets they had not hit ({@link IncidentOpening}).</li>
 * </ol>
 * The statements' rows are built by {@link IntakeRows}.
 */
@ApplicationScoped
public class AlertIntake {
    private final IntakeStatements statements;
    private final IncidentOpening opening;
    private final IntakeConfig config;
    private final PriorityMatrix matrix;
    private final Set<String> ignored;
    private final Clock clock;

    public AlertIntake(IntakeStatements statements, IncidentOpening opening, IntakeConfig config, Clock clock) {
        this.statements = statements;
        this.opening = opening;
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
        ArrayNode keys = IntakeRows.array();
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
            return statements.match(IntakeRows.identifiers(batch, fresh))
                    .chain(matches -> correlateAndStore(batch, sameAs, existing, fresh, matches, now));
        });
    }

    private Uni<List<Outcome>> correlateAndStore(List<Received> batch, int[] sameAs, Map<Integer, Existing> existing,
            List<Integer> fresh, Map<Integer, List<Match>> matches, OffsetDateTime now) {
        Map<Integer, Severity> severity = new HashMap<>();
        Map<Integer, Disposition> disposition = new HashMap<>();
        Map<Integer, CorrelationGroup> groupOf = new HashMap<>();
        Map<String, CorrelationGroup> groups = new TreeMap<>();
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
            CorrelationGroup g = groups.computeIfAbsent(r.tenant() + "\n" + key,
                    k -> new CorrelationGroup(r.tenant(), key));
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
        ArrayNode correlations = IntakeRows.array();
        for (CorrelationGroup g : groups.values()) {
            correlations.addObject().put("tenant", g.tenant).put("key", g.key).put("proposed", g.proposed.toString())
                    .put("first_seen", IntakeRows.time(g.first)).put("last_seen", IntakeRows.time(g.last));
        }
        return statements.correlate(correlations, config.window()).chain(joined -> {
            groups.values().forEach(g -> g.incident = joined.get(g.tenant + "\n" + g.key));
            Map<Integer, UUID> ids = new HashMap<>();
            ArrayNode rows = IntakeRows.array();
            for (int n : fresh) {
                Received r = batch.get(n);
                CorrelationGroup g = groupOf.get(n);
                UUID id = UUID.randomUUID();
                ids.put(n, id);
                Disposition d = g == null ? disposition.get(n)
                        : g.opened() && g.members.get(0) == n ? Disposition.OPENED : Disposition.JOINED;
                disposition.put(n, d);
                rows.add(IntakeRows.alertRow(id, r, severity.get(n), matches.getOrDefault(n, List.of()), d,
                        g == null ? null : g.incident, now));
            }
            return statements.insertAlerts(rows).chain(inserted -> {
                for (CorrelationGroup g : groups.values()) {
                    for (int n : g.members) {
                        if (inserted.contains(ids.get(n))) {
                            g.inserted++;
                            if (g.openingAlert == null) {
                                g.openingAlert = ids.get(n);
                            }
                        }
                    }
                }
                return opening.apply(groups.values(), batch, now)
                        .map(v -> outcomes(batch, sameAs, existing, ids, inserted, groupOf, disposition, matches));
            });
        });
    }

    private List<Outcome> outcomes(List<Received> batch, int[] sameAs, Map<Integer, Existing> existing,
            Map<Integer, UUID> ids, Set<UUID> inserted, Map<Integer, CorrelationGroup> groupOf,
            Map<Integer, Disposition> disp,
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
            CorrelationGroup g = groupOf.get(f);
            List<UUID> assets = matches.getOrDefault(f, List.of()).stream().map(Match::assetId).toList();
            // another instance kept the same alert meanwhile: a duplicate whose id this batch does not know
            boolean kept = inserted.contains(id);
            out.add(kept ? new Outcome(id, f != n, g == null ? null : g.incident, disp.get(f), assets)
                    : new Outcome(null, true, null, null, assets));
        }
        return out;
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
        return key.length() <= 300 ? key : "sha256:" + org.isms.incident.domain.Digests.sha256Hex(key);
    }

}
