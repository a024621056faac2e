package org.isms.risk.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.isms.platform.paging.TenantRepository;
import org.isms.risk.domain.CatalogEntry;

/** The threat and vulnerability catalogs. */
@ApplicationScoped
public class CatalogRepository implements TenantRepository<CatalogEntry, UUID> {

    /** Marks the tenant's catalogs seeded; true only for the one call that did (the caller then seeds). */
    public Uni<Boolean> claimSeed(String tenant) {
        return getSession().chain(s -> s.createNativeQuery(
                "insert into catalog_seed (tenant_id) values (:tenant) on conflict do nothing")
                .setParameter("tenant", tenant).executeUpdate()).map(n -> n == 1);
    }

    public Uni<Boolean> seeded(String tenant) {
        return getSession().chain(s -> s.createNativeQuery(
                "select count(*) from catalog_seed where tenant_id = :tenant", Long.class)
                .setParameter("tenant", tenant).getSingleResult()).map(n -> n > 0);
    }
}
