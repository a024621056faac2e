package org.isms.incident.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.incident.domain.Alert;
import org.isms.platform.paging.TenantRepository;

/** The tenant's alerts, as the intake kept them. */
@ApplicationScoped
public class AlertRepository implements TenantRepository<Alert, UUID> {

    public Uni<List<Alert>> findAllInTenant(String tenant, Collection<UUID> ids) {
        return list("tenantId = :tenant and id in :ids", Map.of("tenant", tenant, "ids", ids));
    }

    /** The document the SIEM sent, as kept; null when the tenant has no such alert. */
    public Uni<String> raw(String tenant, UUID id) {
        return getSession().chain(s -> s.createNativeQuery("select cast(raw as text) from alert where tenant_id = :tenant"
                + " and id = :id", String.class).setParameter("tenant", tenant).setParameter("id", id).getResultList())
                .map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Moves the alerts of {@code from} to {@code to} (a merge); how many moved. */
    public Uni<Integer> move(String tenant, UUID from, UUID to) {
        return update("incidentId = :to where tenantId = :tenant and incidentId = :from",
                Map.of("to", to, "tenant", tenant, "from", from));
    }

    /** Links alerts to an incident by hand; how many. */
    public Uni<Integer> link(String tenant, Collection<UUID> ids, UUID incident) {
        return update("incidentId = :incident, disposition = :linked where tenantId = :tenant and id in :ids",
                Map.of("incident", incident, "linked", Alert.Disposition.LINKED, "tenant", tenant, "ids", ids));
    }
}
