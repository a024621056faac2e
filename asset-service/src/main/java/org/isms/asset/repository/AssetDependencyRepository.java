package org.isms.asset.repository;

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
}
