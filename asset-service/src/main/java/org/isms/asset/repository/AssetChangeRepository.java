package org.isms.asset.repository;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.isms.asset.domain.AssetChange;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.TenantRepository;
import org.isms.platform.paging.Where;

/** The history of the tenant's assets. */
@ApplicationScoped
public class AssetChangeRepository implements TenantRepository<AssetChange, UUID> {
    /** Many entries in one statement: their rows as one JSON array (see {@link JsonRows}). */
    private static final String INSERT_ALL = """
            insert into asset_change (id, tenant_id, asset_id, asset_version, action, changed_by, changed_by_id,
                                      changed_at, reason, cause, changes)
            select id, tenant_id, asset_id, asset_version, action, changed_by, changed_by_id, changed_at, reason, cause,
                   changes
              from jsonb_populate_recordset(cast(null as asset_change), cast(cast(:rows as text) as jsonb))""";

    /** One page of an asset's history by time, in the request's direction (the API's {@code at}). */
    public Uni<Page<AssetChange>> history(String tenant, UUID assetId, PageRequest request) {
        return page(tenant, Where.of().clause("assetId = :id", "id", assetId),
                new PageRequest(request.page(), request.size(), "changedAt", request.descending()));
    }

    /**
     * Inserts these entries in one statement, where a persist of each would be an INSERT per entry. Pass them in
     * parts of a thousand or so: the statement carries every row.
     */
    public Uni<Void> insertAll(List<AssetChange> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = JsonRows.array();
        for (AssetChange c : entries) {
            rows.addObject()
                    .put("id", c.id.toString())
                    .put("tenant_id", c.tenantId)
                    .put("asset_id", c.assetId.toString())
                    .put("asset_version", c.assetVersion)
                    .put("action", c.action.name())
                    .put("changed_by", c.changedBy)
                    .put("changed_by_id", c.changedById)
                    .put("changed_at", JsonRows.time(c.changedAt))
                    .put("reason", c.reason)
                    .put("cause", JsonRows.text(c.cause))
                    .put("changes", c.changes);
        }
        String json = rows.toString();
        return getSession().chain(s -> s.createNativeQuery(INSERT_ALL).setParameter("rows", json).executeUpdate())
                .replaceWithVoid();
    }
}
