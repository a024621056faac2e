package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.control.domain.RiskLink;
import org.isms.control.domain.RiskRef;
import org.isms.platform.paging.TenantRepository;

/** The risks' links to controls; every query names the tenant. */
@ApplicationScoped
public class RiskLinkRepository implements TenantRepository<RiskLink, RiskLink.Key> {
    private static final String LIVE = "not deleted and status <> 'CLOSED'";
    private static final String CALLING = "select c, cast(risk_id as text), title from risk_link, unnest(control_ids) c"
            + " where tenant_id = :tenant and " + LIVE;

    public Uni<RiskLink> find(String tenant, UUID riskId) {
        return findById(new RiskLink.Key(tenant, riskId));
    }

    /** For each control a live risk of the tenant calls for, those risks by title. */
    public Uni<Map<String, List<RiskRef>>> callingRisks(String tenant) {
        return calling(CALLING + " order by title, risk_id", Map.of("tenant", tenant));
    }

    /** The live risks of the tenant that call for the control, by title. */
    public Uni<List<RiskRef>> callingRisks(String tenant, String controlId) {
        return calling(CALLING + " and control_ids @> array[cast(:control as text)] and c = :control"
                + " order by title, risk_id", Map.of("tenant", tenant, "control", controlId))
                .map(m -> m.getOrDefault(controlId, List.of()));
    }

    private Uni<Map<String, List<RiskRef>>> calling(String sql, Map<String, Object> params) {
        return getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            params.forEach(q::setParameter);
            return q.getResultList();
        }).map(rows -> {
            Map<String, List<RiskRef>> byControl = new LinkedHashMap<>();
            for (Object[] r : rows) {
                byControl.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                        .add(new RiskRef(UUID.fromString((String) r[1]), (String) r[2]));
            }
            return byControl;
        });
    }
}
