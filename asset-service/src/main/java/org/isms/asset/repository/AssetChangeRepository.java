package org.isms.asset.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.isms.asset.domain.AssetChange;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.TenantRepository;
import org.isms.platform.paging.Where;

/** The history of the tenant's assets. */
@ApplicationScoped
public class AssetChangeRepository implements TenantRepository<AssetChange, UUID> {

    /** One page of an asset's history by time, in the request's direction (the API's {@code at}). */
    public Uni<Page<AssetChange>> history(String tenant, UUID assetId, PageRequest request) {
        return page(tenant, Where.of().clause("assetId = :id", "id", assetId),
                new PageRequest(request.page(), request.size(), "changedAt", request.descending()));
    }
}
