package org.isms.control.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.isms.control.domain.ControlImplementation;
import org.isms.control.domain.TenantKey;
import org.isms.platform.paging.TenantRepository;

/** The tenants' implementations; every query names the tenant. */
@ApplicationScoped
public class ControlImplementationRepository implements TenantRepository<ControlImplementation, TenantKey> {
    /** The register every write of a tenant's SoA serializes on ({@link #lockTenant}). */
    public static final String SOA = "soa";

    /** The tenant's implementation of the control, or a blank one (not persisted) when it has none yet. */
    public Uni<ControlImplementation> findOrBlank(String tenant, String controlId) {
        return findById(new TenantKey(tenant, controlId))
                .map(i -> i == null ? ControlImplementation.blank(tenant, controlId) : i);
    }

    public Uni<List<ControlImplementation>> listTenant(String tenant) {
        return list("tenantId", tenant);
    }
}
