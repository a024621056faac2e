package org.isms.platform.paging;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Panache repository of tenant-owned entities (a {@code tenantId} field): every query it offers
 * takes the tenant, so none can forget it. Another tenant's row is simply not found.
 */
public interface TenantRepository<E, I> extends PanacheRepositoryBase<E, I> {

    default Uni<E> findInTenant(String tenant, I id) {
        return find("id = :id and tenantId = :tenant", Map.of("id", id, "tenant", tenant)).firstResult();
    }

    /** One page of the tenant's rows matching {@code where}, with the total. */
    default Uni<Page<E>> page(String tenant, Where where, PageRequest request) {
        Map<String, Object> params = new HashMap<>(where.params());
        PanacheQuery<E> q = find(scoped(tenant, where.hql(), params), request.toSort(), params)
                .page(request.page(), request.size());
        return q.list().flatMap(items -> q.count().map(total -> Page.of(items, request, total)));
    }

    /**
     * Up to {@code size} of the tenant's rows matching {@code where} in the order {@code field, id}, after the
     * row whose values are {@code lastValue, lastId} (the first rows when {@code lastId} is null): a keyset
     * page, for {@link KeysetPages}.
     */
    default Uni<List<E>> pageAfter(String tenant, Where where, String field, Object lastValue, Object lastId, int size) {
        Map<String, Object> params = new HashMap<>(where.params());
        String query = scoped(tenant, where.hql(), params) + KeysetPages.after(field, lastValue, lastId, params);
        return find(query, Sort.by(field).and("id"), params).page(0, size).list();
    }

    /**
     * Serializes the writers of one tenant's {@code register} (an inventory, a register, a log) until the
     * transaction ends: a PostgreSQL transaction-scoped advisory lock on the key {@code register:tenant}. A rule
     * that reads several rows and then changes them (no cycle, unique names, one methodology version per
     * rating) holds only if no other writer of the same tenant runs between the read and the write. Other
     * tenants, and readers, never wait.
     */
    default Uni<Void> lockTenant(String register, String tenant) {
        return advisoryLock("pg_advisory_xact_lock", register, tenant);
    }

    /**
     * The shared form of {@link #lockTenant(String, String)}: any number of holders at once, none while a writer
     * holds the exclusive lock. For writers that change only rows they lock themselves ({@code select … for
     * update}) but need the structure the exclusive writers change (a graph's edges) to hold still meanwhile.
     */
    default Uni<Void> lockTenantShared(String register, String tenant) {
        return advisoryLock("pg_advisory_xact_lock_shared", register, tenant);
    }

    private Uni<Void> advisoryLock(String function, String register, String tenant) {
        return getSession().chain(s -> s.createNativeQuery(
                "select count(*) from (select " + function + "(hashtextextended(:key, 0))) l")
                .setParameter("key", register + ":" + tenant).getSingleResult()).replaceWithVoid();
    }

    /** {@code tenantId = :tenant and (condition)}, with {@code :tenant} bound into {@code params}. */
    static String scoped(String tenant, String condition, Map<String, Object> params) {
        params.put("tenant", tenant);
        return "tenantId = :tenant" + (condition == null || condition.isBlank() ? "" : " and (" + condition + ")");
    }
}
