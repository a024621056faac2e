package org.isms.incident.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The intake's statements: each does its part for a whole batch of alerts in one round trip, its rows passed as one
 * JSON array parameter ({@code cast(cast(:rows as text) as jsonb)}; bound as jsonb, the reactive client would store a
 * JSON string). Rows come sorted by the key each statement locks on, so two batches at once wait for each other in
 * the same order and never deadlock. Run inside the intake's transaction.
 */
@ApplicationScoped
public class IntakeStatements {
    /** Of the batch's alerts (n, tenant, system, sid), those already kept: n → id, incident id, disposition. */
    private static final String EXISTING = """
            select r.n, cast(a.id as text), cast(a.incident_id as text), a.disposition
              from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(n integer, tenant text, system text, sid text)
              join alert a on a.tenant_id = r.tenant and a.source_system = r.system and a.source_alert_id = r.sid""";

    /**
     * The assets each alert names, by identifier: a host name equal to the asset's, or with the same first label when
     * one of the two has no domain ({@code web-01} is {@code web-01.acme.example}); an address inside one of the
     * asset's addresses or CIDR ranges (the GiST index answers {@code network >>= address}); an external id. Only
     * assets in use (retired, disposed of and deleted ones have no identifiers left). Each identifier is looked up
     * on its own ({@code lateral … offset 0}): joined as a set, the planner compares every address with every network
     * of the tenant (1,000,000 comparisons for 500 addresses and 2,000 networks, 80 ms; by the index 20 ms).
     */
    private static final String MATCH = """
            with q as (select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                                 as q(n integer, tenant text, host text, short text, ip inet, ext text))
            select m.n, cast(p.asset_id as text), p.name, p.criticality, p.personal_data, m.how
              from (select q.n, q.tenant, h.asset_id, h.how
                      from q cross join lateral (
                           select h.asset_id, 'hostname:' || h.name as how from asset_hostname h
                            where h.tenant_id = q.tenant and h.short_name = q.short
                              and (h.name = q.host or h.name = h.short_name or q.host = q.short) offset 0) h
                     where q.host is not null
                    union all
                    select q.n, q.tenant, a.asset_id, a.how
                      from q cross join lateral (
                           select a.asset_id, 'ipAddress:' || cast(a.network as text) as how from asset_network a
                            where a.network >>= q.ip and a.tenant_id = q.tenant offset 0) a
                     where q.ip is not null
                    union all
                    select q.n, q.tenant, e.asset_id, e.how
                      from q cross join lateral (
                           select e.asset_id, 'externalId:' || e.value as how from asset_external_id e
                            where e.tenant_id = q.tenant and e.value = q.ext offset 0) e
                     where q.ext is not null) m
              join asset_projection p on p.tenant_id = m.tenant and p.asset_id = m.asset_id and not p.deleted
             order by m.n, p.criticality desc, p.name""";

    /**
     * Which incident each correlation key's alerts join: the one the key points at while its last alert is within the
     * window, else the proposed new one. The row lock of the upsert is what makes two instances opening the same
     * incident at once impossible: the second waits, then joins the first's.
     */
    private static final String CORRELATE = """
            insert into correlation (tenant_id, key, incident_id, first_seen, last_seen)
            select r.tenant, r.key, r.proposed, r.first_seen, r.last_seen
              from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                   as r(tenant text, key text, proposed uuid, first_seen timestamptz, last_seen timestamptz)
             order by r.tenant, r.key
            on conflict (tenant_id, key) do update
               set incident_id = case when correlation.last_seen + cast(cast(:window as text) as interval) < excluded.first_seen
                                      then excluded.incident_id else correlation.incident_id end,
                   first_seen = case when correlation.last_seen + cast(cast(:window as text) as interval) < excluded.first_seen
                                     then excluded.first_seen else correlation.first_seen end,
                   last_seen = greatest(correlation.last_seen, excluded.last_seen)
            returning tenant_id, key, cast(incident_id as text)""";

    /** New alerts, each once: a row already kept (the same alert again, raced by another instance) is skipped. */
    private static final String INSERT_ALERTS = """
            insert into alert (id, tenant_id, source_system, source_alert_id, format, rule_id, rule_name, severity,
                               original_severity, first_seen, last_seen, received_at, hosts, ips, users, asset_ids,
                               disposition, incident_id, raw)
            select id, tenant_id, source_system, source_alert_id, format, rule_id, rule_name, severity,
                   original_severity, first_seen, last_seen, received_at, hosts, ips, users, asset_ids,
                   disposition, incident_id, raw
              from jsonb_populate_recordset(cast(null as alert), cast(cast(:rows as text) as jsonb))
             order by tenant_id, source_system, source_alert_id
            on conflict (tenant_id, source_system, source_alert_id) do nothing
            returning cast(id as text)""";

    private static final String NUMBERS = """
            insert into incident_number (tenant_id, last) values (:tenant, :count)
            on conflict (tenant_id) do update set last = incident_number.last + excluded.last
            returning last""";

    private static final String INSERT_INCIDENTS = """
            insert into incident (id, tenant_id, number, title, status, severity, priority, correlation_key,
                                  source_system, rule_id, alert_count, first_seen, last_seen, asset_ids, personal_data,
                                  opened_at, created_at, updated_at, version)
            select id, tenant_id, number, title, status, severity, priority, correlation_key, source_system, rule_id,
                   alert_count, first_seen, last_seen, asset_ids, personal_data, opened_at, created_at, updated_at, 0
              from jsonb_populate_recordset(cast(null as incident), cast(cast(:rows as text) as jsonb))""";

    private static final String SEVERITY_RANK = "array_position(array['INFO','LOW','MEDIUM','HIGH','CRITICAL'], %s)";

    /**
     * Open incidents the batch's alerts joined: their count and times, and a higher severity or priority, or assets
     * not hit before, which make it escalated (a new version). The ids of those escalated, with what they were.
     */
    private static final String JOIN_INCIDENTS = """
            with r as (select * from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                                     as r(id uuid, tenant text, n integer, first_seen timestamptz, last_seen timestamptz,
                                          severity text, priority text, asset_ids uuid[], personal_data boolean)),
                 o as (select i.id, i.severity, i.priority, i.asset_ids, i.version
                         from incident i join r on i.id = r.id and i.tenant_id = r.tenant
                        where i.status not in ('CLOSED', 'FALSE_POSITIVE', 'MERGED')
                        order by i.id for update of i)
            update incident i
               set alert_count = i.alert_count + r.n,
                   first_seen = least(i.first_seen, r.first_seen),
                   last_seen = greatest(i.last_seen, r.last_seen),
                   severity = case when %1$s > %2$s then r.severity else i.severity end,
                   priority = least(i.priority, r.priority),
                   asset_ids = array(select distinct x from unnest(i.asset_ids || r.asset_ids) as x order by x),
                   personal_data = i.personal_data or r.personal_data,
                   version = i.version + case when %1$s > %2$s or r.priority < i.priority
                                              or not (r.asset_ids <@ i.asset_ids) then 1 else 0 end
              from r join o on o.id = r.id
             where i.id = r.id
            returning cast(i.id as text), o.priority, o.severity, i.version > o.version,
                      not (r.asset_ids <@ o.asset_ids)""".formatted(
            SEVERITY_RANK.formatted("r.severity"), SEVERITY_RANK.formatted("i.severity"));

    private static final String RELEASE = "delete from correlation where incident_id in"
            + " (select cast(x as uuid) from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as t(x))";

    private static final String TIMELINE = """
            insert into incident_change (id, tenant_id, incident_id, at, by_name, by_id, kind, summary)
            select id, tenant_id, incident_id, at, by_name, by_id, kind, summary
              from jsonb_populate_recordset(cast(null as incident_change), cast(cast(:rows as text) as jsonb))""";

    /**
     * An incident's alert-driven columns from its alerts (after a merge or a hand link), keeping the assets it had
     * and, for a merge, those of the incident merged into it.
     */
    private static final String RECOUNT = """
            update incident i
               set alert_count = (select count(*) from alert a where a.tenant_id = i.tenant_id and a.incident_id = i.id),
                   first_seen = least(i.first_seen, (select min(a.first_seen) from alert a
                                                      where a.tenant_id = i.tenant_id and a.incident_id = i.id)),
                   last_seen = greatest(i.last_seen, (select max(a.last_seen) from alert a
                                                       where a.tenant_id = i.tenant_id and a.incident_id = i.id)),
                   asset_ids = array(select distinct x from unnest(i.asset_ids
                                       || coalesce((select s.asset_ids from incident s
                                                     where s.tenant_id = i.tenant_id and s.id = cast(:from as uuid)),
                                                   cast('{}' as uuid[]))
                                       || coalesce((select array_agg(y) from alert a, unnest(a.asset_ids) as y
                                                     where a.tenant_id = i.tenant_id and a.incident_id = i.id),
                                                   cast('{}' as uuid[]))) as x order by x)
             where i.tenant_id = :tenant and i.id = :id""";

    /** An alert already kept. */
    public record Existing(UUID id, UUID incidentId, String disposition) {
    }

    /** An asset an alert names, and on which identifier. */
    public record Match(UUID assetId, String name, int criticality, boolean personalData, String on) {
    }

    /** What a joined incident was before, when the batch escalated it, and whether it hit assets it had not. */
    public record Escalation(UUID incidentId, String previousPriority, String previousSeverity, boolean widened) {
    }

    public Uni<Map<Integer, Existing>> existing(ArrayNode rows) {
        return list(EXISTING, Map.of("rows", rows.toString())).map(found -> {
            Map<Integer, Existing> out = new HashMap<>();
            for (Object[] r : found) {
                out.put(((Number) r[0]).intValue(), new Existing(UUID.fromString((String) r[1]),
                        r[2] == null ? null : UUID.fromString((String) r[2]), (String) r[3]));
            }
            return out;
        });
    }

    public Uni<Map<Integer, List<Match>>> match(ArrayNode rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list(MATCH, Map.of("rows", rows.toString())).map(found -> {
            Map<Integer, List<Match>> out = new HashMap<>();
            Map<Integer, Set<UUID>> seen = new HashMap<>();
            for (Object[] r : found) {
                int n = ((Number) r[0]).intValue();
                UUID asset = UUID.fromString((String) r[1]);
                if (seen.computeIfAbsent(n, k -> new HashSet<>()).add(asset)) {
                    out.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(new Match(asset, (String) r[2],
                            ((Number) r[3]).intValue(), (Boolean) r[4], (String) r[5]));
                }
            }
            return out;
        });
    }

    /** tenant + "\n" + key → the incident its alerts join. */
    public Uni<Map<String, UUID>> correlate(ArrayNode rows, Duration window) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list(CORRELATE, Map.of("rows", rows.toString(), "window", window.toString())).map(found -> {
            Map<String, UUID> out = new HashMap<>();
            for (Object[] r : found) {
                out.put(r[0] + "\n" + r[1], UUID.fromString((String) r[2]));
            }
            return out;
        });
    }

    /** The ids of the alerts written (the others were kept already). */
    public Uni<Set<UUID>> insertAlerts(ArrayNode rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_ALERTS, String.class)
                .setParameter("rows", rows.toString()).getResultList())
                .map(ids -> {
                    Set<UUID> out = new HashSet<>();
                    ids.forEach(id -> out.add(UUID.fromString(id)));
                    return out;
                });
    }

    /** The last of {@code count} new incident numbers of the tenant. */
    public Uni<Long> allocateNumbers(String tenant, int count) {
        return Panache.getSession().chain(s -> s.createNativeQuery(NUMBERS, Long.class)
                .setParameter("tenant", tenant).setParameter("count", (long) count).getSingleResult());
    }

    public Uni<Void> insertIncidents(ArrayNode rows) {
        return update(INSERT_INCIDENTS, rows);
    }

    /** The incidents the batch escalated. */
    public Uni<List<Escalation>> joinIncidents(ArrayNode rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list(JOIN_INCIDENTS, Map.of("rows", rows.toString())).map(found -> found.stream()
                .filter(r -> Boolean.TRUE.equals(r[3]))
                .map(r -> new Escalation(UUID.fromString((String) r[0]), (String) r[1], (String) r[2],
                        Boolean.TRUE.equals(r[4]))).toList());
    }

    /** Forgets the correlation keys of these (proposed) incidents. */
    public Uni<Void> release(ArrayNode ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(RELEASE).setParameter("ids", ids.toString())
                .executeUpdate()).replaceWithVoid();
    }

    /** Recounts the incident from its alerts ({@code from}: the incident merged into it, or null). */
    public Uni<Void> recount(String tenant, UUID id, UUID from) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECOUNT).setParameter("tenant", tenant)
                .setParameter("id", id).setParameter("from", from == null ? null : from.toString()).executeUpdate())
                .replaceWithVoid();
    }

    /** After a merge: the merged incident's correlation keys lead to the one it was merged into, which is recounted. */
    public Uni<Void> merge(String tenant, UUID from, UUID into) {
        return Panache.getSession().chain(s -> s.createNativeQuery("update correlation set incident_id = :into"
                + " where tenant_id = :tenant and incident_id = :from").setParameter("into", into)
                .setParameter("tenant", tenant).setParameter("from", from).executeUpdate())
                .chain(() -> recount(tenant, into, from));
    }

    /** A closed incident's keys are forgotten: the next repeat of its rule opens a new incident. */
    public Uni<Void> releaseIncident(String tenant, UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from correlation where tenant_id = :tenant"
                + " and incident_id = :id").setParameter("tenant", tenant).setParameter("id", id).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> timeline(ArrayNode rows) {
        return update(TIMELINE, rows);
    }

    private static Uni<Void> update(String sql, ArrayNode rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("rows", rows.toString())
                .executeUpdate()).replaceWithVoid();
    }

    private static Uni<List<Object[]>> list(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            params.forEach(q::setParameter);
            return q.getResultList();
        });
    }
}
