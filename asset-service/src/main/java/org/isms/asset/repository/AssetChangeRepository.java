package org.isms.asset.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.isms.asset.domain.AssetChange;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import io.quarkus.panache.common.Sort;

/** The history of the tenant's assets. */
@ApplicationScoped
public class AssetChangeRepository implements PanacheRepositoryBase<AssetChange, UUID> {

    /** One page of an asset's history, newest first unless the request says otherwise. */
    public Uni<Page<AssetChange>> history(String tenant, UUID assetId, PageRequest request) {
        Sort sort = Sort.by("changedAt", request.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending)
                .and("assetVersion", request.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending);
        var q = find("tenantId = :tenant and assetId = :id", sort, Map.of("tenant", tenant, "id", assetId))
                .page(request.page(), request.size());
        return q.list().flatMap(items -> q.count().map(total -> Page.of(items, request, total)));
    }
}
