package org.isms.incident.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.incident.domain.Incident;
import org.isms.platform.paging.TenantRepository;

/** The tenant's incidents. */
@ApplicationScoped
public class IncidentRepository implements TenantRepository<Incident, UUID> {

    public Uni<List<Incident>> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("id in ?1", ids);
    }

    /** The regimes each of these incidents was declared reportable under. */
    public Uni<Map<UUID, List<String>>> regimesOf(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(s -> s.createSelectionQuery(
                "select r.incidentId, r.regime from IncidentRegime r where r.incidentId in :ids order by r.regime",
                Object[].class).setParameter("ids", ids).getResultList()).map(rows -> {
                    Map<UUID, List<String>> out = new HashMap<>();
                    for (Object[] r : rows) {
                        out.computeIfAbsent((UUID) r[0], k -> new java.util.ArrayList<>()).add((String) r[1]);
                    }
                    return out;
                });
    }
}
