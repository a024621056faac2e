package org.isms.incident.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.incident.domain.IncidentChange;
import org.isms.platform.paging.TenantRepository;

/** Incidents' timelines. */
@ApplicationScoped
public class IncidentChangeRepository implements TenantRepository<IncidentChange, UUID> {

    public Uni<List<IncidentChange>> of(String tenant, UUID incident) {
        return list("tenantId = :tenant and incidentId = :incident order by seq",
                Map.of("tenant", tenant, "incident", incident));
    }

    /** Moves the timeline of a merged incident to the one it was merged into. */
    public Uni<Integer> move(String tenant, UUID from, UUID to) {
        return update("incidentId = :to where tenantId = :tenant and incidentId = :from",
                Map.of("to", to, "tenant", tenant, "from", from));
    }
}
