package org.isms.asset.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.domain.AssetStatus;
import org.isms.events.asset.Cia;
import org.isms.platform.paging.TenantRepository;

/** The tenant's assets, and the graph and identifier queries the inventory needs (PostgreSQL SQL where HQL cannot). */
@ApplicationScoped
public class AssetRepository implements TenantRepository<Asset, UUID> {
    private static final String INVENTORY = "asset-inventory";
    /** The asset and what it depends on directly (in the order {@code AssetDependencyRepository.dependsOn} gives). */
    private static final String DETAILS = """
            select a.*, array(select d.depends_on_id from asset_dependency d
                               where d.tenant_id = a.tenant_id and d.asset_id = a.id
                               order by d.depends_on_id) as depends_on
              from asset a
             where a.id = $1 and a.tenant_id = $2""";

    /**
     * New assets, many in one statement: their rows as one JSON array (see {@link JsonRows}). Every column but
     * {@code search_text}, which the insert trigger sets, as it does for Hibernate's insert.
     */
    private static final String INSERT_ALL = """
            insert into asset (id, tenant_id, name, type, description, owner, custodian, location, tags, status,
                               confidentiality, integrity, availability, effective_confidentiality, effective_integrity,
                               effective_availability, criticality, personal_data, business_critical, hostnames,
                               ip_addresses, external_ids, review_date, created_by, created_by_id, created_at,
                               updated_by, updated_by_id, updated_at, version)
            select id, tenant_id, name, type, description, owner, custodian, location, tags, status,
                   confidentiality, integrity, availability, effective_confidentiality, effective_integrity,
                   effective_availability, criticality, personal_data, business_critical, hostnames,
                   ip_addresses, external_ids, review_date, created_by, created_by_id, created_at,
                   updated_by, updated_by_id, updated_at, version
              from jsonb_populate_recordset(cast(null as asset), cast(cast(:rows as text) as jsonb))""";
    /** New effective ratings of many assets, each at its next version (the optimistic check Hibernate would make). */
    private static final String UPDATE_EFFECTIVE = """
            update asset a
               set effective_confidentiality = r.effective_confidentiality,
                   effective_integrity = r.effective_integrity,
                   effective_availability = r.effective_availability,
                   criticality = r.criticality,
                   version = a.version + 1
              from jsonb_to_recordset(cast(cast(:rows as text) as jsonb))
                   as r(id uuid, version bigint, effective_confidentiality integer, effective_integrity integer,
                        effective_availability integer, criticality integer)
             where a.tenant_id = :tenant and a.id = r.id and a.version = r.version""";
    /** The ids of a JSON array parameter ({@code :ids}), as a set to filter on. */
    private static final String IDS =
            "select cast(r.v as uuid) from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as r(v)";

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
     * Serializes the tenant's inventory writes that change the graph or names (register, update, delete, import)
     * until the transaction ends. Cycle checks, the effective ratings and name uniqueness read the graph and then
     * change it; two writers at once could each pass the check and together break the rule.
     */
    public Uni<Void> lockTenant(String tenant) {
        return lockTenant(INVENTORY, tenant);
    }

    /**
     * For a reclassification: the graph holds still (no exclusive writer runs) while any number of
     * reclassifications run at once, each serialized only against those whose assets it shares
     * ({@link #lockForUpdate}).
     */
    public Uni<Void> lockTenantShared(String tenant) {
        return lockTenantShared(INVENTORY, tenant);
    }

    /**
     * Locks the tenant's rows of these assets until the transaction ends, in id order (so two transactions locking
     * overlapping sets wait for each other, never deadlock).
     */
    public Uni<Void> lockForUpdate(String tenant, Collection<UUID> ids) {
        return getSession().chain(s -> s.createNativeQuery("select count(*) from (select id from asset"
                + " where tenant_id = :tenant and id in (:ids) order by id for update) l")
                .setParameter("tenant", tenant).setParameter("ids", ids).getSingleResult()).replaceWithVoid();
    }

    public Uni<List<Asset>> findAllInTenant(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenantId = :tenant and id in :ids", Map.of("tenant", tenant, "ids", ids));
    }

    /**
     * Of these names, the ones the tenant's assets already bear, compared ignoring case as the unique index does:
     * each such name as given, with the name of the asset that bears it. One statement for any number of names.
     */
    public Uni<Map<String, String>> namesTaken(String tenant, Collection<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = """
                select r.v, a.name
                  from jsonb_array_elements_text(cast(cast(:names as text) as jsonb)) as r(v)
                  join asset a on a.tenant_id = :tenant and lower(a.name) = lower(r.v)""";
        return getSession().chain(s -> s.<Object[]>createNativeQuery(sql, Object[].class)
                .setParameter("tenant", tenant).setParameter("names", JsonRows.texts(names)).getResultList())
                .map(rows -> {
                    Map<String, String> out = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        out.put((String) r[0], (String) r[1]);
                    }
                    return out;
                });
    }

    /** The status of each of these ids that is an asset of the tenant (an id missing from the answer is none). */
    public Uni<Map<UUID, AssetStatus>> statuses(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = "select cast(a.id as text), a.status from asset a where a.tenant_id = :tenant and a.id in (" + IDS
                + ")";
        return getSession().chain(s -> s.<Object[]>createNativeQuery(sql, Object[].class)
                .setParameter("tenant", tenant).setParameter("ids", JsonRows.ids(ids)).getResultList())
                .map(rows -> {
                    Map<UUID, AssetStatus> out = new HashMap<>();
                    for (Object[] r : rows) {
                        out.put(UUID.fromString((String) r[0]), AssetStatus.valueOf((String) r[1]));
                    }
                    return out;
                });
    }

    /**
     * These assets of the tenant, in id order, detached from the session: the session never writes them, so a
     * change to them is written by {@link #updateEffective} alone (one statement, not an UPDATE per asset).
     */
    public Uni<List<Asset>> findAllDetached(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "select a.* from asset a where a.tenant_id = :tenant and a.id in (" + IDS + ") order by a.id";
        return getSession().chain(s -> s.createNativeQuery(sql, Asset.class).setParameter("tenant", tenant)
                .setParameter("ids", JsonRows.ids(ids)).getResultList()
                .invoke(found -> found.forEach(s::detach)));
    }

    /**
     * Inserts these new assets in one statement (a JSON array of their rows), where Hibernate would send an INSERT
     * per asset. The triggers keep search text and networks as they do for any insert. Pass them in parts of a
     * thousand or so: the statement carries every row.
     */
    public Uni<Void> insertAll(List<Asset> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = JsonRows.array();
        for (Asset a : list) {
            ObjectNode r = rows.addObject();
            r.put("id", a.id.toString());
            r.put("tenant_id", a.tenantId);
            r.put("name", a.name);
            r.put("type", a.type.name());
            r.put("description", a.description);
            r.put("owner", a.owner);
            r.put("custodian", a.custodian);
            r.put("location", a.location);
            r.set("tags", JsonRows.strings(a.tags));
            r.put("status", a.status.name());
            r.put("confidentiality", a.confidentiality);
            r.put("integrity", a.integrity);
            r.put("availability", a.availability);
            r.put("effective_confidentiality", a.effectiveConfidentiality);
            r.put("effective_integrity", a.effectiveIntegrity);
            r.put("effective_availability", a.effectiveAvailability);
            r.put("criticality", a.criticality);
            r.put("personal_data", a.personalData);
            r.put("business_critical", a.businessCritical);
            r.set("hostnames", JsonRows.strings(a.hostnames));
            r.set("ip_addresses", JsonRows.strings(a.ipAddresses));
            r.set("external_ids", JsonRows.strings(a.externalIds));
            r.put("review_date", a.reviewDate == null ? null : a.reviewDate.toString());
            r.put("created_by", a.createdBy);
            r.put("created_by_id", a.createdById);
            r.put("created_at", JsonRows.time(a.createdAt));
            r.put("updated_by", a.updatedBy);
            r.put("updated_by_id", a.updatedById);
            r.put("updated_at", JsonRows.time(a.updatedAt));
            r.put("version", a.version);
        }
        String json = rows.toString();
        return getSession().chain(s -> s.createNativeQuery(INSERT_ALL).setParameter("rows", json).executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Writes the effective ratings and criticality these assets now hold, in one statement, each at its next
     * version (and moves {@code version} on in the objects, as a flush would). The assets must not be managed by
     * the session ({@link #findAllDetached}), or it would write them again. An asset changed meanwhile fails the
     * transaction, as Hibernate's optimistic check would (the tenant's lock rules that out).
     */
    public Uni<Void> updateEffective(String tenant, List<Asset> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = JsonRows.array();
        for (Asset a : changed) {
            rows.addObject().put("id", a.id.toString()).put("version", a.version)
                    .put("effective_confidentiality", a.effectiveConfidentiality)
                    .put("effective_integrity", a.effectiveIntegrity)
                    .put("effective_availability", a.effectiveAvailability)
                    .put("criticality", a.criticality);
        }
        String json = rows.toString();
        return getSession().chain(s -> s.createNativeQuery(UPDATE_EFFECTIVE).setParameter("tenant", tenant)
                .setParameter("rows", json).executeUpdate())
                .invoke(updated -> {
                    if (updated != changed.size()) {
                        throw new IllegalStateException("effective ratings: " + updated + " of " + changed.size()
                                + " assets written; the others changed meanwhile");
                    }
                    changed.forEach(a -> a.version++);
                })
                .replaceWithVoid();
    }

    /**
     * For every asset these seeds reach through what they depend on, directly or transitively (the seeds
     * included), the highest seed ratings that reach it, each rating on its own: what the maximum principle asks of
     * it once assets with those ratings depend on the seeds. One recursive query for all seeds; it ends on any graph,
     * since each (asset, ratings) row is walked once.
     */
    public Uni<Map<UUID, Cia>> highestFromSeeds(String tenant, Map<UUID, Cia> seeds) {
        if (seeds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ArrayNode rows = JsonRows.array();
        seeds.forEach((id, cia) -> rows.addObject().put("id", id.toString()).put("conf", cia.confidentiality())
                .put("integ", cia.integrity()).put("avail", cia.availability()));
        String sql = """
                with recursive seed(id, conf, integ, avail) as (
                    select r.id, r.conf, r.integ, r.avail
                      from jsonb_to_recordset(cast(cast(:seeds as text) as jsonb))
                           as r(id uuid, conf integer, integ integer, avail integer)
                ), down(id, conf, integ, avail) as (
                    select id, conf, integ, avail from seed
                  union
                    select d.depends_on_id, w.conf, w.integ, w.avail
                      from asset_dependency d join down w on d.asset_id = w.id
                     where d.tenant_id = :tenant
                )
                select cast(id as text), max(conf), max(integ), max(avail) from down group by id""";
        String json = rows.toString();
        return getSession().chain(s -> s.<Object[]>createNativeQuery(sql, Object[].class)
                .setParameter("tenant", tenant).setParameter("seeds", json).getResultList())
                .map(result -> {
                    Map<UUID, Cia> out = new HashMap<>();
                    for (Object[] r : result) {
                        out.put(UUID.fromString((String) r[0]), new Cia(number(r[1]), number(r[2]), number(r[3])));
                    }
                    return out;
                });
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
