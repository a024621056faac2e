package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.control.domain.CallingRisks;
import org.isms.control.domain.RiskLink;
import org.isms.control.domain.RiskRef;
import org.isms.platform.paging.TenantRepository;

/** The risks' links to controls; every query names the tenant. */
@ApplicationScoped
public class RiskLinkRepository implements TenantRepository<RiskLink, RiskLink.Key> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLING = "select control_id, cast(risk_id as text), title from control_risk"
            + " where tenant_id = :tenant";

    public Uni<RiskLink> find(String tenant, UUID riskId) {
        return findById(new RiskLink.Key(tenant, riskId));
    }

    /**
     * For each control a live risk of the tenant calls for: how many do, and the first {@code named} of them by title.
     * Counted and cut in the database ({@code control_risk}, which it keeps from this table): a control called for by
     * hundreds of risks costs one row here.
     */
    public Uni<Map<String, CallingRisks>> perControl(String tenant, int named) {
        return getSession().chain(s -> s.createNativeQuery("""
                select c.control_id, c.n, cast((select json_agg(json_build_array(cast(r.risk_id as text), r.title)
                                                                order by r.title, r.risk_id)
                                                  from (select risk_id, title from control_risk r
                                                         where r.tenant_id = :tenant and r.control_id = c.control_id
                                                         order by title, risk_id limit :named) r) as text)
                  from (select control_id, count(*) as n from control_risk where tenant_id = :tenant
                         group by control_id) c""", Object[].class).setParameter("tenant", tenant).setParameter("named", named)
                .getResultList()).map(rows -> {
                    Map<String, CallingRisks> byControl = new HashMap<>();
                    for (Object[] r : rows) {
                        List<RiskRef> refs = new ArrayList<>();
                        for (JsonNode pair : read((String) r[2])) {
                            refs.add(new RiskRef(UUID.fromString(pair.get(0).asText()), pair.get(1).asText()));
                        }
                        byControl.put((String) r[0], new CallingRisks(refs, ((Number) r[1]).intValue()));
                    }
                    return byControl;
                });
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the database answered JSON that does not parse", e);
        }
    }

    /** The live risks of the tenant that call for the control, by title. */
    public Uni<List<RiskRef>> callingRisks(String tenant, String controlId) {
        return calling(CALLING + " and control_id = :control order by title, risk_id",
                Map.of("tenant", tenant, "control", controlId))
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
