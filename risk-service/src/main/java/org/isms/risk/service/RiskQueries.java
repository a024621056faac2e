package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.paging.ExportConfig;
import org.isms.platform.paging.KeysetPages;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.TenantRepository;
import org.isms.platform.paging.Where;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.RiskLevel;
import org.isms.risk.domain.RiskStatus;
import org.isms.risk.repository.RiskRepository;

/** The register as it is read: one risk, the filtered list, the export and the heat map. */
@ApplicationScoped
public class RiskQueries {
    private final RiskStore store;
    private final RiskRepository risks;
    private final MethodologyService methodologies;
    private final int exportPage;

    public RiskQueries(RiskStore store, RiskRepository risks, MethodologyService methodologies,
            ExportConfig export) {
        this.store = store;
        this.risks = risks;
        this.methodologies = methodologies;
        this.exportPage = export.pageSize();
    }

    /** The list filters; null means "any". */
    public record Filter(RiskLevel level, RiskStatus status, String owner, UUID assetId, Boolean aboveAppetite,
            Boolean reviewRequired, Boolean overdue, String q) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null, null, null);
    }

    /** The counts of one likelihood × impact cell. */
    public record Cell(int likelihood, int impact, RiskLevel level, long inherent, long residual) {
    }

    public record Heatmap(int methodologyVersion, int likelihoodLevels, int impactLevels, long risks, List<Cell> cells) {
    }

    @WithSession
    public Uni<RiskDetails> get(String tenant, UUID id) {
        return store.find(tenant, id).chain(r -> store.details(tenant, List.of(r)).map(l -> l.get(0)));
    }

    @WithSession
    public Uni<Page<RiskDetails>> list(String tenant, Filter filter, PageRequest request) {
        return risks.page(tenant, where(filter), request).chain(page -> store.details(tenant, page.items()).map(list -> {
            Map<UUID, RiskDetails> byId = new HashMap<>();
            list.forEach(d -> byId.put(d.risk().id, d));
            return page.map(r -> byId.get(r.id));
        }));
    }

    /**
     * Every risk the filter selects, for the register export, in title order, a page at a time: each page in a
     * session of its own (keyset, after the last title and id), with the names of its risks' assets, so memory
     * stays bounded at any size. The pages are not one snapshot: a change during a long export shows in the
     * pages read after it.
     */
    public Multi<List<RiskDetails>> exportPages(String tenant, Filter filter) {
        Where where = where(filter);
        return KeysetPages.<RiskDetails>of(last -> risks.pageAfter(tenant, where, "title",
                last == null ? null : last.risk().title, last == null ? null : last.risk().id, exportPage)
                .chain(list -> store.details(tenant, list)));
    }

    /**
     * Counts per likelihood × impact cell of the risks the filter selects (closed ones only when the status
     * filter asks for them), counted by the database.
     */
    @WithSession
    public Uni<Heatmap> heatmap(String tenant, Filter filter) {
        Where where = where(filter);
        if (filter.status() == null) {
            where.clause("status <> 'CLOSED'");
        }
        Map<String, Object> params = new HashMap<>(where.params());
        String scope = TenantRepository.scoped(tenant, where.hql(), params);
        return methodologies.current(tenant).chain(cur -> cells(scope, "inherent", params)
                .chain(inherent -> cells(scope, "residual", params).chain(residual -> risks.count(scope, params)
                        .map(total -> {
                            Methodology m = cur.methodology();
                            List<Cell> cells = new ArrayList<>();
                            for (int l = 1; l <= m.likelihood().size(); l++) {
                                for (int i = 1; i <= m.impact().size(); i++) {
                                    String key = l + "x" + i;
                                    cells.add(new Cell(l, i, m.rate(l, i).level(), inherent.getOrDefault(key, 0L),
                                            residual.getOrDefault(key, 0L)));
                                }
                            }
                            return new Heatmap(cur.version(), m.likelihood().size(), m.impact().size(), total, cells);
                        }))));
    }

    /** "likelihood x impact" → number of risks, for the inherent or the residual assessment. */
    private Uni<Map<String, Long>> cells(String scope, String which, Map<String, Object> params) {
        String hql = "select " + which + "Likelihood, " + which + "Impact, count(*) from Risk where " + scope + " and "
                + which + "Likelihood is not null group by " + which + "Likelihood, " + which + "Impact";
        return Panache.getSession().chain(s -> {
            var q = s.createQuery(hql, Object[].class);
            params.forEach(q::setParameter);
            return q.getResultList();
        }).map(rows -> {
            Map<String, Long> counts = new HashMap<>();
            rows.forEach(r -> counts.put(r[0] + "x" + r[1], ((Number) r[2]).longValue()));
            return counts;
        });
    }

    private Where where(Filter f) {
        Where where = Where.of()
                .eq("level", "level", f.level())
                .eq("status", "status", f.status())
                .eq("owner", "owner", UserDirectory.normalize(f.owner()))
                .arrayContains("assetIds", "asset", f.assetId() == null ? null : f.assetId().toString())
                .eq("aboveAppetite", "above", f.aboveAppetite())
                .eq("reviewRequired", "review", f.reviewRequired());
        if (f.overdue() != null) {
            where.clause(f.overdue() ? "(status <> 'CLOSED' and nextReviewDue < :today)"
                    : "(status = 'CLOSED' or nextReviewDue is null or nextReviewDue >= :today)", "today", today());
        }
        return where.containsText("q", f.q(), "lower(title)", "lower(description)");
    }

    /** Today (UTC), for due dates and the overdue filter. */
    public LocalDate today() {
        return store.today();
    }
}
