package org.isms.risk.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.Cia;
import org.isms.platform.paging.TenantRepository;
import org.isms.risk.domain.AssetProjection;

/**
 * The asset projection. Writes are upserts on (tenant, asset id): an event of one tenant writes that
 * tenant's row and can never reach another tenant's, whatever asset id it names.
 */
@ApplicationScoped
public class AssetProjectionRepository implements TenantRepository<AssetProjection, AssetProjection.Key> {
    /** Applies an event unless the row already reflects a later version of the asset. */
    private static final String NOT_OLDER = """
             where (p.asset_version is null or cast(:version as bigint) is null
                or cast(:version as bigint) >= p.asset_version)""";
    private static final String SNAPSHOT = """
            insert into asset_projection as p (asset_id, tenant_id, name, type, owner, status, confidentiality,
                integrity, availability, deleted, revision, last_event_id, last_event_at, asset_version)
            values (:id, :tenant, :name, :type, :owner, :status, :c, :i, :a, false, 1, :event, :at,
                cast(:version as bigint))
            on conflict (tenant_id, asset_id) do update set name = excluded.name, type = excluded.type,
                owner = excluded.owner, status = excluded.status, confidentiality = excluded.confidentiality,
                integrity = excluded.integrity, availability = excluded.availability, revision = p.revision + 1,
                last_event_id = excluded.last_event_id, last_event_at = excluded.last_event_at,
                asset_version = coalesce(excluded.asset_version, p.asset_version)""" + NOT_OLDER;
    private static final String RATINGS = """
            insert into asset_projection as p (asset_id, tenant_id, name, confidentiality, integrity, availability,
                deleted, revision, last_event_id, last_event_at, asset_version)
            values (:id, :tenant, :name, :c, :i, :a, false, 1, :event, :at, cast(:version as bigint))
            on conflict (tenant_id, asset_id) do update set name = excluded.name,
                confidentiality = excluded.confidentiality, integrity = excluded.integrity,
                availability = excluded.availability, revision = p.revision + 1,
                last_event_id = excluded.last_event_id, last_event_at = excluded.last_event_at,
                asset_version = coalesce(excluded.asset_version, p.asset_version)""" + NOT_OLDER;
    private static final String DELETED = """
            update asset_projection as p set deleted = true, revision = revision + 1, last_event_id = :event,
                last_event_at = :at, asset_version = coalesce(cast(:version as bigint), asset_version)""" + NOT_OLDER
            + " and asset_id = :id and tenant_id = :tenant";

    /**
     * Everything a snapshot says (registered, updated, status changed); the number of rows written: 0 when the
     * projection holds a later version of the asset already.
     */
    public Uni<Integer> applySnapshot(EventEnvelope event, AssetSnapshot a) {
        Cia e = a.effective();
        return getSession().chain(s -> s.createNativeQuery(SNAPSHOT)
                .setParameter("id", a.assetId()).setParameter("tenant", event.tenant()).setParameter("name", a.name())
                .setParameter("type", a.type()).setParameter("owner", a.owner()).setParameter("status", a.status())
                .setParameter("c", e.confidentiality()).setParameter("i", e.integrity()).setParameter("a", e.availability())
                .setParameter("event", event.id()).setParameter("at", event.time()).setParameter("version", a.version())
                .executeUpdate());
    }

    /**
     * New effective ratings (classified) as of the asset's {@code version} (null: an event from before versions
     * were sent, applied as it comes); the number of rows written, 0 when the projection holds a later version.
     */
    public Uni<Integer> applyRatings(EventEnvelope event, UUID assetId, String name, Cia effective, Long version) {
        return getSession().chain(s -> s.createNativeQuery(RATINGS)
                .setParameter("id", assetId).setParameter("tenant", event.tenant()).setParameter("name", name)
                .setParameter("c", effective.confidentiality()).setParameter("i", effective.integrity())
                .setParameter("a", effective.availability())
                .setParameter("event", event.id()).setParameter("at", event.time()).setParameter("version", version)
                .executeUpdate());
    }

    /**
     * The asset is gone from the inventory, as of its last {@code version} (null: not known); the number of rows
     * written (0 when it was never known, or the projection holds a later version).
     */
    public Uni<Integer> markDeleted(EventEnvelope event, UUID assetId, Long version) {
        return getSession().chain(s -> s.createNativeQuery(DELETED)
                .setParameter("id", assetId).setParameter("tenant", event.tenant())
                .setParameter("event", event.id()).setParameter("at", event.time()).setParameter("version", version)
                .executeUpdate());
    }

    public Uni<List<AssetProjection>> findAllInTenant(String tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenantId = :tenant and assetId in :ids", Map.of("tenant", tenant, "ids", ids));
    }

    /**
     * The effective ratings the projection holds for an asset of the tenant (null when unknown), read
     * without loading the entity, so that the session holds no copy a native write would leave stale.
     */
    public Uni<Cia> effectiveOf(String tenant, UUID assetId) {
        return getSession().chain(s -> s.createNativeQuery("select confidentiality, integrity, availability"
                + " from asset_projection where asset_id = :id and tenant_id = :tenant", Object[].class)
                .setParameter("id", assetId).setParameter("tenant", tenant).getResultList())
                .map(rows -> rows.isEmpty() ? null : new Cia(((Number) rows.get(0)[0]).intValue(),
                        ((Number) rows.get(0)[1]).intValue(), ((Number) rows.get(0)[2]).intValue()));
    }
}
