package org.isms.risk.repository;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.isms.platform.paging.TenantRepository;
import org.isms.risk.domain.MethodologyVersion;

/**
 * The versions of the tenants' methodologies (table {@code risk_methodology}), each a row of its own: a change
 * is a new version ({@code persist}), the current one the highest. A tenant without a row uses the default.
 */
@ApplicationScoped
public class MethodologyRepository implements TenantRepository<MethodologyVersion, MethodologyVersion.Key> {

    /** The tenant's current version; null while it has none of its own. */
    public Uni<MethodologyVersion> current(String tenant) {
        return find("tenantId = ?1", Sort.descending("version"), tenant).firstResult();
    }

    /** One version of the tenant's; null when it has no such version. */
    public Uni<MethodologyVersion> version(String tenant, int version) {
        return findById(new MethodologyVersion.Key(tenant, version));
    }

    /** Every version, newest first. */
    public Uni<List<MethodologyVersion>> versions(String tenant) {
        return list("tenantId = ?1", Sort.descending("version"), tenant);
    }
}
