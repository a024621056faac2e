package org.isms.incident.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.incident.domain.IncidentRegime;
import org.isms.incident.domain.IncidentReport;
import org.isms.platform.paging.TenantRepository;

/** The regimes incidents were declared under, and their reports. */
@ApplicationScoped
public class RegimeRepository implements TenantRepository<IncidentRegime, IncidentRegime.Key> {

    public Uni<List<IncidentRegime>> of(String tenant, UUID incident) {
        return list("tenantId = :tenant and incidentId = :incident order by regime",
                Map.of("tenant", tenant, "incident", incident));
    }

    public Uni<List<IncidentReport>> reports(String tenant, UUID incident) {
        return getSession().chain(s -> s.createSelectionQuery("from IncidentReport where tenantId = :tenant"
                + " and incidentId = :incident order by dueAt, regime, report", IncidentReport.class)
                .setParameter("tenant", tenant).setParameter("incident", incident).getResultList());
    }

    /**
     * Moves the regimes (and their reports) of a merged incident that the incident it was merged into was not declared
     * under; those both were declared under stay with the merged one, the target's clocks standing.
     */
    public Uni<Void> move(String tenant, UUID from, UUID to) {
        String sql = """
                with moved as (update incident_regime set incident_id = :to
                                where tenant_id = :tenant and incident_id = :from
                                  and regime not in (select regime from incident_regime
                                                      where tenant_id = :tenant and incident_id = :to)
                               returning regime)
                update incident_report set incident_id = :to
                 where tenant_id = :tenant and incident_id = :from and regime in (select regime from moved)""";
        return getSession().chain(s -> s.createNativeQuery(sql).setParameter("tenant", tenant).setParameter("from", from)
                .setParameter("to", to).executeUpdate()).replaceWithVoid();
    }

    /**
     * Unmet reports whose announcement is due (missed: the deadline passed; approaching: within the warning), not
     * announced yet, locked for this transaction and skipped by any other run doing the same.
     */
    public Uni<List<IncidentReport>> claim(OffsetDateTime now, OffsetDateTime warnBefore, int batch) {
        String sql = """
                select * from incident_report r
                 where submitted_at is null and not missed_announced
                   and (due_at <= :now or (not approaching_announced and due_at <= :warn))
                   -- a false positive owes no report, a merged incident's clocks moved to the one it was merged into
                   and not exists (select 1 from incident i where i.tenant_id = r.tenant_id and i.id = r.incident_id
                                     and i.status in ('FALSE_POSITIVE', 'MERGED'))
                 order by due_at
                 limit :batch
                   for update skip locked""";
        return getSession().chain(s -> s.createNativeQuery(sql, IncidentReport.class).setParameter("now", now)
                .setParameter("warn", warnBefore).setParameter("batch", batch).getResultList());
    }
}
