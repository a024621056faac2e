package org.isms.asset.repository;

import org.isms.asset.domain.AssetDetails;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.events.asset.Cia;
import org.isms.platform.paging.TenantRepository;

/** The tenant's assets, and the graph and identifier queries the inventory needs (PostgreSQL SQL where HQL cannot). */
@ApplicationScoped
public class AssetRepository implements TenantRepository<Asset, UUID> {
    /** The asset and what it depends on directly (in the order {@code AssetDependencyRepository.dependsOn} gives). */
    private static final String DETAILS = """
            select a.*, array(select d.depends_on_id from asset_dependency d
                               where d.tenant_id = a.tenant_id and d.asset_id = a.id
                               order by d.depends_on_id) as depends_on
              from asset a
             where a.id = $1 and a.tenant_id = $2""";

    private final Pool pool;

    public AssetRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The tenant's asset and its direct dependencies in one statement through the reactive SQL client, without a
     * Hibernate session: the read SIEM lookups and the UI make most, measured at a fraction of Hibernate's cost
     * per query (asset-service README, "Performance"). The asset is not managed: only for reading. Null if the
     * tenant has no such asset.
     */
    public Uni<AssetDetails> details(String tenant, UUID id) {
        return pool.preparedQuery(DETAILS).execute(Tuple.of(id, tenant)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new AssetDetails(AssetRows.asset(r), AssetRows.dependsOn(r));
        });
    }

    /**
     * Serializes the tenant's inventory writes until the transaction ends. Cycle checks, the effective
     * ratings and name uniqueness read the graph and then change it; two writers at once could each pass
     * the check and together break the rule. Inventory writes are rare enough for one at a time per tenant.
     */
    public Uni<Void> lockTenant(String tenant) {
        return getSession().chain(s -> s.createNativeQuery(
                "select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l")
                .setParameter("key", "asset-inventory:" + tenant).getSingleResult()).replaceWithVoid();
    }

    public Uni<List<Asset>> findAllInTenant(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenantId = :tenant and id in :ids", Map.of("tenant", tenant, "ids", ids));
    }

    /** The tenant's asset with this name, ignoring case, other than {@code except}. */
    public Uni<Asset> findByName(String tenant, String name, UUID except) {
        return find("tenantId = :tenant and lower(name) = lower(:name) and id <> :except",
                Map.of("tenant", tenant, "name", name, "except", except)).firstResult();
    }

    /**
     * The highest own ratings among each asset and everything that depends on it, directly or
     * transitively: what its effective ratings must be under the maximum principle.
     */
    public Uni<Map<UUID, Cia>> maxOwnRatingsUpstream(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = """
                with recursive up(root, id) as (
                    select a.id, a.id from asset a where a.tenant_id = :tenant and a.id in (:ids)
                  union
                    select up.root, d.asset_id from asset_dependency d join up on d.depends_on_id = up.id
                )
                select cast(up.root as text), max(a.confidentiality), max(a.integrity), max(a.availability)
                  from up join asset a on a.id = up.id
                 group by up.root""";
        return getSession().chain(s -> s.<Object[]>createNativeQuery(sql, Object[].class)
                .setParameter("tenant", tenant).setParameter("ids", ids).getResultList())
                .map(rows -> {
                    Map<UUID, Cia> out = new HashMap<>();
                    for (Object[] r : rows) {
                        out.put(UUID.fromString((String) r[0]), new Cia(number(r[1]), number(r[2]), number(r[3])));
                    }
                    return out;
                });
    }

    /** Every asset this one depends on, directly (depth 1) or through others, with the shortest depth. */
    public Uni<Map<UUID, Integer>> supporting(String tenant, UUID id) {
        return closure(tenant, id, "asset_id", "depends_on_id");
    }

    /** Every asset that depends on this one, directly (depth 1) or through others, with the shortest depth. */
    public Uni<Map<UUID, Integer>> dependents(String tenant, UUID id) {
        return closure(tenant, id, "depends_on_id", "asset_id");
    }

    private Uni<Map<UUID, Integer>> closure(String tenant, UUID id, String from, String to) {
        // the depth bound only guards against a cycle that got in by hand; the service refuses them
        String sql = """
                with recursive walk(id, depth) as (
                    select d.%2$s, 1 from asset_dependency d where d.tenant_id = :tenant and d.%1$s = :id
                  union
                    select d.%2$s, w.depth + 1 from asset_dependency d join walk w on d.%1$s = w.id where w.depth < 64
                )
                select cast(id as text), min(depth) from walk group by id order by min(depth), id""".formatted(from, to);
        return getSession().chain(s -> s.<Object[]>createNativeQuery(sql, Object[].class)
                .setParameter("tenant", tenant).setParameter("id", id).getResultList())
                .map(rows -> {
                    Map<UUID, Integer> out = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        out.put(UUID.fromString((String) r[0]), number(r[1]));
                    }
                    return out;
                });
    }

    /**
     * The tenant's assets an alert's identifiers point at: a host name (or its short name), an IP address
     * inside one of the asset's addresses or networks, an external id. Null arguments are not matched on.
     */
    public Uni<List<Asset>> match(String tenant, Set<String> hostnames, String ip, String externalId, int limit) {
        // one index lookup per identifier, united: an OR over them would make PostgreSQL scan the tenant
        List<String> lookups = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!hostnames.isEmpty()) {
            List<String> names = List.copyOf(hostnames);
            lookups.add("select id from asset where tenant_id = :tenant"
                    + " and hostnames && array[cast(:h0 as varchar), cast(:h1 as varchar)]");
            params.put("h0", names.get(0));
            params.put("h1", names.get(names.size() - 1));
        }
        if (ip != null) {
            lookups.add("select asset_id from asset_network where tenant_id = :tenant"
                    + " and network >>= cast(cast(:ip as text) as inet)");
            params.put("ip", ip);
        }
        if (externalId != null) {
            lookups.add("select id from asset where tenant_id = :tenant and external_ids @> array[cast(:externalId as varchar)]");
            params.put("externalId", externalId);
        }
        String sql = "select a.* from asset a where a.tenant_id = :tenant and a.id in (" + String.join(" union ", lookups)
                + ") order by a.criticality desc, a.name, a.id limit " + limit;
        return getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Asset.class).setParameter("tenant", tenant);
            params.forEach(q::setParameter);
            return q.getResultList();
        });
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }
}
