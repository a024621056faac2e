package org.isms.platform.paging;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;

/**
 * A Panache repository of tenant-owned entities (a {@code tenantId} field): every query it offers
 * takes the tenant, so none can forget it. Another tenant's row is simply not found.
 */
public interface TenantRepository<E, I> extends PanacheRepositoryBase<E, I> {

    default Uni<E> findInTenant(String tenant, I id) {
        return find("id = :id and tenantId = :tenant", Map.of("id", id, "tenant", tenant)).firstResult();
    }

    /**
     * One page of the tenant's rows matching {@code where} (HQL over the entity, may be blank), with
     * the total. Named parameters only; {@code :tenant} is bound here.
     */
    default Uni<Page<E>> page(String tenant, String where, Map<String, Object> params, PageRequest request) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("tenant", tenant);
        String query = "tenantId = :tenant" + (where == null || where.isBlank() ? "" : " and (" + where + ")");
        PanacheQuery<E> q = find(query, request.toSort(), all).page(request.page(), request.size());
        return q.list().flatMap(items -> q.count().map(total -> Page.of(items, request, total)));
    }
}
