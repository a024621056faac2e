package org.isms.asset.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.asset.domain.AssetDependency;

/** The edges of the tenant's dependency graph. */
@ApplicationScoped
public class AssetDependencyRepository implements PanacheRepositoryBase<AssetDependency, AssetDependency.Key> {
    /** Many edges in one statement: their rows as one JSON array (see {@link JsonRows}). */
    private static final String INSERT_ALL = """
            insert into asset_dependency (asset_id, depends_on_id, tenant_id)
            select asset_id, depends_on_id, tenant_id
              from jsonb_populate_recordset(cast(null as asset_dependency), cast(cast(:rows as text) as jsonb))""";

    /** What each of these assets depends on directly, in a stable order; every id is a key. */
    public Uni<Map<UUID, List<UUID>>> dependsOn(String tenant, Collection<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("tenantId = :tenant and assetId in :ids order by assetId, dependsOnId",
                Map.of("tenant", tenant, "ids", assetIds))
                .map(edges -> {
                    Map<UUID, List<UUID>> out = new LinkedHashMap<>();
                    assetIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
                    edges.forEach(e -> out.get(e.assetId).add(e.dependsOnId));
                    return out;
                });
    }

    /** The assets that depend directly on this one. */
    public Uni<List<UUID>> directDependents(String tenant, UUID id) {
        return list("tenantId = :tenant and dependsOnId = :id order by assetId", Map.of("tenant", tenant, "id", id))
                .map(edges -> edges.stream().map(e -> e.assetId).toList());
    }

    public Uni<Long> deleteFrom(String tenant, UUID assetId) {
        return delete("tenantId = :tenant and assetId = :id", Map.of("tenant", tenant, "id", assetId));
    }

    /**
     * Inserts these edges in one statement, where a persist of each would be an INSERT per edge. Both ends must
     * exist already (the table's foreign keys). Pass them in parts of a thousand or so.
     */
    public Uni<Void> insertAll(List<AssetDependency> links) {
        if (links.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = JsonRows.array();
        for (AssetDependency l : links) {
            rows.addObject().put("asset_id", l.assetId.toString()).put("depends_on_id", l.dependsOnId.toString())
                    .put("tenant_id", l.tenantId);
        }
        String json = rows.toString();
        return getSession().chain(s -> s.createNativeQuery(INSERT_ALL).setParameter("rows", json).executeUpdate())
                .replaceWithVoid();
    }
}
