package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.isms.control.domain.OwnControl;
import org.isms.control.domain.OwnControlMapping;
import org.isms.control.domain.TenantKey;
import org.isms.platform.paging.TenantRepository;

/** The controls tenants added, and (through {@link #mappingsOf}) their mappings; every query names the tenant. */
@ApplicationScoped
public class OwnControlRepository implements TenantRepository<OwnControl, TenantKey> {

    public Uni<OwnControl> find(String tenant, String controlId) {
        return findById(new TenantKey(tenant, controlId));
    }

    public Uni<List<OwnControl>> listTenant(String tenant) {
        return list("tenantId = ?1 order by controlId", tenant);
    }

    public Uni<List<OwnControlMapping>> mappingsOf(String tenant, String controlId) {
        return getSession().chain(s -> s.createSelectionQuery("from OwnControlMapping where tenantId = :tenant"
                + " and controlId = :control order by framework, requirement", OwnControlMapping.class)
                .setParameter("tenant", tenant).setParameter("control", controlId).getResultList());
    }

    /** Replaces the control's mappings with these. */
    public Uni<Void> replaceMappings(String tenant, String controlId, List<OwnControlMapping> mappings) {
        return getSession().chain(s -> s.createMutationQuery("delete from OwnControlMapping where tenantId = :tenant"
                + " and controlId = :control").setParameter("tenant", tenant).setParameter("control", controlId)
                .executeUpdate()).chain(() -> persistMappings(mappings));
    }

    public Uni<Void> persistMappings(List<OwnControlMapping> mappings) {
        return getSession().chain(s -> s.persistAll(mappings.toArray()));
    }
}
