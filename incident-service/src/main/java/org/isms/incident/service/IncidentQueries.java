package org.isms.incident.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.incident.domain.Alert;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.IncidentChange;
import org.isms.incident.domain.IncidentRegime;
import org.isms.incident.domain.IncidentReport;
import org.isms.incident.domain.IncidentStatus;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.Severity;
import org.isms.incident.repository.AlertRepository;
import org.isms.incident.repository.IncidentChangeRepository;
import org.isms.incident.repository.IncidentRepository;
import org.isms.incident.repository.RegimeRepository;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.Where;

/** Reading incidents, their alerts, timelines and clocks, and the queue's metrics; every query in the caller's tenant. */
@ApplicationScoped
public class IncidentQueries {
    private final IncidentRepository incidents;
    private final AlertRepository alerts;
    private final IncidentChangeRepository changes;
    private final RegimeRepository regimes;
    private final Clock clock;

    public IncidentQueries(IncidentRepository incidents, AlertRepository alerts, IncidentChangeRepository changes,
            RegimeRepository regimes, Clock clock) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.changes = changes;
        this.regimes = regimes;
        this.clock = clock;
    }

    /** An incident with the regimes it was declared under and their reports. */
    public record Details(Incident incident, List<IncidentRegime> regimes, List<IncidentReport> reports) {
    }

    /** The list's filters; null: any. */
    public record Filter(IncidentStatus status, Priority priority, Severity severity, String assignee, UUID assetId,
            Boolean open, String q) {
    }

    /** One entry of a timeline: a change or comment, or an alert that came in. */
    public record TimelineEntry(OffsetDateTime at, String kind, String summary, String by, UUID alertId) {
    }

    /** Counts by status and priority, and mean times from opening in seconds (null: none yet). */
    public record Metrics(Map<String, Long> byStatus, Map<String, Long> byPriority, long open,
            Double meanSecondsToTriage, Double meanSecondsToContain, Double meanSecondsToClose) {
    }

    @WithSession
    public Uni<Page<Incident>> list(String tenant, Filter f, PageRequest page) {
        Where w = Where.of().eq("status", "status", f.status()).eq("priority", "priority", f.priority())
                .eq("severity", "severity", f.severity()).eq("assignee", "assignee", f.assignee());
        if (f.assetId() != null) {
            // the reactive client binds a uuid inside array[…] as text, which uuid[] @> refuses: compared as text
            w = w.clause("array_to_string(assetIds, ',') like :asset", "asset", "%" + f.assetId() + "%");
        }
        if (f.open() != null) {
            w = w.clause(f.open() ? "status not in :final" : "status in :final", "final",
                    List.of(IncidentStatus.CLOSED, IncidentStatus.FALSE_POSITIVE, IncidentStatus.MERGED));
        }
        w = w.containsText("q", f.q(), "lower(title)", "lower(description)");
        return incidents.page(tenant, w, page);
    }

    @WithSession
    public Uni<Details> get(String tenant, UUID id) {
        return find(tenant, id).chain(i -> regimes.of(tenant, id)
                .chain(r -> regimes.reports(tenant, id).map(p -> new Details(i, r, p))));
    }

    /** The incident, or 404. Joins the caller's session or transaction. */
    Uni<Incident> find(String tenant, UUID id) {
        return incidents.findInTenant(tenant, id).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("incident", id));
    }

    @WithSession
    public Uni<Page<Alert>> alerts(String tenant, UUID incident, Boolean matched, String sourceSystem, String ruleId,
            Alert.Disposition disposition, PageRequest page) {
        Where w = Where.of().eq("incidentId", "incident", incident).eq("sourceSystem", "system", sourceSystem)
                .eq("ruleId", "rule", ruleId).eq("disposition", "disposition", disposition);
        if (matched != null) {
            w = w.clause(matched ? "coalesce(array_length(assetIds), 0) > 0" : "coalesce(array_length(assetIds), 0) = 0");
        }
        Where where = w;
        return incident == null ? alerts.page(tenant, where, page)
                : find(tenant, incident).chain(i -> alerts.page(tenant, where, page));
    }

    /** An alert and the document the SIEM sent. */
    public record AlertWithRaw(Alert alert, String raw) {
    }

    @WithSession
    public Uni<AlertWithRaw> alert(String tenant, UUID id) {
        return alerts.findInTenant(tenant, id).onItem().ifNull().failWith(() -> new ResourceNotFoundException("alert", id))
                .chain(a -> alerts.raw(tenant, id).map(raw -> new AlertWithRaw(a, raw)));
    }

    /** Every change and comment, and the latest {@code maxAlerts} alerts, oldest first. */
    @WithSession
    public Uni<List<TimelineEntry>> timeline(String tenant, UUID id, int maxAlerts) {
        return find(tenant, id).chain(i -> changes.of(tenant, id).chain(cs -> (maxAlerts <= 0
                ? Uni.createFrom().item(List.<Alert>of())
                : alerts.find("tenantId = ?1 and incidentId = ?2 order by receivedAt desc, id", tenant, id)
                        .page(0, maxAlerts).list()).map(as -> {
                    List<TimelineEntry> out = new ArrayList<>();
                    for (IncidentChange c : cs) {
                        out.add(new TimelineEntry(c.at, c.kind.name(), c.summary, c.byName, null));
                    }
                    for (Alert a : as) {
                        out.add(new TimelineEntry(a.receivedAt, "ALERT", a.sourceSystem + " " + a.ruleName + " ("
                                + a.severity + ", " + a.disposition + ")", null, a.id));
                    }
                    out.sort(Comparator.comparing(TimelineEntry::at));
                    return out;
                })));
    }

    @WithSession
    public Uni<Metrics> metrics(String tenant) {
        String sql = """
                select status, priority, count(*),
                       sum(extract(epoch from triaged_at - opened_at)), count(triaged_at),
                       sum(extract(epoch from contained_at - opened_at)), count(contained_at),
                       sum(case when status = 'CLOSED' then extract(epoch from closed_at - opened_at) end),
                       count(case when status = 'CLOSED' then 1 end)
                  from incident where tenant_id = :tenant group by status, priority""";
        return incidents.getSession().chain(s -> s.createNativeQuery(sql, Object[].class).setParameter("tenant", tenant)
                .getResultList()).map(rows -> {
                    Map<String, Long> byStatus = new LinkedHashMap<>();
                    Map<String, Long> byPriority = new LinkedHashMap<>();
                    for (IncidentStatus s : IncidentStatus.values()) {
                        byStatus.put(s.name(), 0L);
                    }
                    for (Priority p : Priority.values()) {
                        byPriority.put(p.name(), 0L);
                    }
                    double[] sums = new double[3];
                    long[] counts = new long[3];
                    long open = 0;
                    for (Object[] r : rows) {
                        long n = ((Number) r[2]).longValue();
                        byStatus.merge((String) r[0], n, Long::sum);
                        if (!IncidentStatus.valueOf((String) r[0]).isFinal()) {
                            byPriority.merge((String) r[1], n, Long::sum);
                            open += n;
                        }
                        for (int k = 0; k < 3; k++) {
                            sums[k] += r[3 + 2 * k] == null ? 0 : ((Number) r[3 + 2 * k]).doubleValue();
                            counts[k] += ((Number) r[4 + 2 * k]).longValue();
                        }
                    }
                    return new Metrics(byStatus, byPriority, open, mean(sums[0], counts[0]), mean(sums[1], counts[1]),
                            mean(sums[2], counts[2]));
                });
    }

    private static Double mean(double sum, long count) {
        return count == 0 ? null : sum / count;
    }

    /** Whether a report is met, late, overdue or due, now. */
    public String state(IncidentReport r) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (r.submittedAt != null) {
            return r.submittedAt.isAfter(r.dueAt) ? "MET_LATE" : "MET";
        }
        return now.isAfter(r.dueAt) ? "OVERDUE" : "DUE";
    }

    /** How long until the deadline (negative: overdue by). */
    public Duration remaining(IncidentReport r) {
        return Duration.between(OffsetDateTime.now(clock), r.dueAt);
    }
}
