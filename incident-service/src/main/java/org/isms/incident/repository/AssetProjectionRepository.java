package org.isms.incident.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.Cia;
import org.isms.platform.net.Addresses;

/**
 * incident-service's copy of the assets, kept from asset events: the asset's ratings, and the identifiers alerts are
 * matched on, one row each. Every write is scoped to the event's tenant; one that carries an older version of the
 * asset than the copy holds changes nothing.
 */
@ApplicationScoped
public class AssetProjectionRepository {
    private static final String UPSERT = """
            insert into asset_projection (tenant_id, asset_id, name, status, confidentiality, integrity, availability,
                                          criticality, personal_data, deleted, version)
            values (:tenant, :id, :name, :status, :c, :i, :a, :criticality, :personal, false, :version)
            on conflict (tenant_id, asset_id) do update
               set name = excluded.name, status = excluded.status, confidentiality = excluded.confidentiality,
                   integrity = excluded.integrity, availability = excluded.availability,
                   criticality = excluded.criticality, personal_data = excluded.personal_data, deleted = false,
                   version = excluded.version
             where asset_projection.version <= excluded.version""";
    private static final String RATINGS = """
            update asset_projection set confidentiality = :c, integrity = :i, availability = :a, criticality = :criticality,
                   version = coalesce(:version, version)
             where tenant_id = :tenant and asset_id = :id and (cast(:version as bigint) is null or version <= :version)""";
    private static final String DELETED = """
            update asset_projection set deleted = true, version = coalesce(:version, version)
             where tenant_id = :tenant and asset_id = :id and (cast(:version as bigint) is null or version <= :version)""";

    private static final String FORGET = """
            with h as (delete from asset_hostname where tenant_id = :tenant and asset_id = :id),
                 n as (delete from asset_network where tenant_id = :tenant and asset_id = :id)
            delete from asset_external_id where tenant_id = :tenant and asset_id = :id""";
    private static final String IDENTIFY = """
            with h as (insert into asset_hostname (tenant_id, name, short_name, asset_id)
                       select distinct :tenant, r.name, r.short, cast(:id as uuid)
                         from jsonb_to_recordset(cast(cast(:hosts as text) as jsonb)) as r(name text, short text)),
                 n as (insert into asset_network (tenant_id, network, asset_id)
                       select distinct :tenant, cast(v as cidr), cast(:id as uuid)
                         from jsonb_array_elements_text(cast(cast(:networks as text) as jsonb)) as t(v))
            insert into asset_external_id (tenant_id, value, asset_id)
            select distinct :tenant, v, cast(:id as uuid)
              from jsonb_array_elements_text(cast(cast(:externals as text) as jsonb)) as t(v)""";

    /** The asset as the snapshot has it; false when the copy holds a later version. */
    public Uni<Boolean> apply(String tenant, AssetSnapshot a) {
        Cia e = a.effective();
        return Panache.getSession().chain(s -> s.createNativeQuery(UPSERT).setParameter("tenant", tenant)
                .setParameter("id", a.assetId()).setParameter("name", a.name())
                .setParameter("status", a.status() == null ? "IN_USE" : a.status())
                .setParameter("c", e.confidentiality()).setParameter("i", e.integrity())
                .setParameter("a", e.availability()).setParameter("criticality", Math.max(1, Math.min(4, e.max())))
                .setParameter("personal", a.personalData()).setParameter("version", a.version()).executeUpdate())
                .chain(n -> n == 0 ? Uni.createFrom().item(false)
                        : identifiers(tenant, a.assetId(), matchable(a.status()) ? a : null).replaceWith(true));
    }

    /** New effective ratings (criticality is the highest of them, as asset-service computes it). */
    public Uni<Integer> ratings(String tenant, UUID id, Cia effective, Long version) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RATINGS).setParameter("tenant", tenant)
                .setParameter("id", id).setParameter("c", effective.confidentiality())
                .setParameter("i", effective.integrity()).setParameter("a", effective.availability())
                .setParameter("criticality", effective.max()).setParameter("version", version).executeUpdate());
    }

    public Uni<Void> deleted(String tenant, UUID id, Long version) {
        return Panache.getSession().chain(s -> s.createNativeQuery(DELETED).setParameter("tenant", tenant)
                .setParameter("id", id).setParameter("version", version).executeUpdate())
                .chain(n -> n == 0 ? Uni.createFrom().voidItem() : identifiers(tenant, id, null));
    }

    /** What an incident's priority and personal-data flag come from. */
    public record Rating(int criticality, boolean personalData) {
    }

    /** The tenant's known assets among these, with their ratings (deleted ones are not known). */
    public Uni<java.util.Map<UUID, Rating>> criticalities(String tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("select cast(asset_id as text), criticality,"
                + " personal_data from asset_projection where tenant_id = :tenant and not deleted and asset_id in (:ids)",
                Object[].class).setParameter("tenant", tenant).setParameter("ids", ids).getResultList()).map(rows -> {
                    java.util.Map<UUID, Rating> out = new java.util.HashMap<>();
                    for (Object[] r : rows) {
                        out.put(UUID.fromString((String) r[0]), new Rating(((Number) r[1]).intValue(), (Boolean) r[2]));
                    }
                    return out;
                });
    }

    /** Adds assets to an incident's (by hand: an escalation). */
    public Uni<Void> addToIncident(String tenant, UUID incident, List<UUID> ids) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        ids.forEach(id -> json.add(id.toString()));
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                update incident set asset_ids = array(select distinct x from unnest(asset_ids || array(
                           select cast(v as uuid) from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as t(v)))
                           as x order by x)
                 where tenant_id = :tenant and id = :id""").setParameter("ids", json.toString())
                .setParameter("tenant", tenant).setParameter("id", incident).executeUpdate()).replaceWithVoid();
    }

    /** Only assets in use or planned are matched: a retired or disposed-of asset raises no incident. */
    static boolean matchable(String status) {
        return status == null || !(status.equals("RETIRED") || status.equals("DISPOSED"));
    }

    /** Replaces the asset's identifiers by the snapshot's (none: it matches nothing any more). */
    private Uni<Void> identifiers(String tenant, UUID id, AssetSnapshot a) {
        ArrayNode hosts = JsonNodeFactory.instance.arrayNode();
        ArrayNode networks = JsonNodeFactory.instance.arrayNode();
        ArrayNode externals = JsonNodeFactory.instance.arrayNode();
        if (a != null) {
            for (String h : list(a.hostnames())) {
                String name = Addresses.hostname(h);
                if (name != null) {
                    hosts.addObject().put("name", name).put("short", Addresses.shortName(name));
                }
            }
            for (String ip : list(a.ipAddresses())) {
                String canonical = Addresses.ipOrNetwork(ip);
                if (canonical != null) {
                    networks.add(canonical);
                }
            }
            list(a.externalIds()).forEach(x -> externals.add(x.toLowerCase(Locale.ROOT)));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(FORGET).setParameter("tenant", tenant)
                .setParameter("id", id).executeUpdate()
                .chain(() -> hosts.isEmpty() && networks.isEmpty() && externals.isEmpty() ? Uni.createFrom().item(0)
                        : s.createNativeQuery(IDENTIFY).setParameter("tenant", tenant).setParameter("id", id.toString())
                                .setParameter("hosts", hosts.toString()).setParameter("networks", networks.toString())
                                .setParameter("externals", externals.toString()).executeUpdate()))
                .replaceWithVoid();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
