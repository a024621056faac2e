package org.isms.asset.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.util.List;
import java.util.UUID;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;

/**
 * An {@code asset} row as read by the reactive SQL client, for the one read that bypasses Hibernate (an asset by
 * id, {@link AssetRepository#details}). Every column of the table is read here: {@code AssetResourceTest} checks
 * that an asset read this way is the same as the one the list (through Hibernate) gives.
 */
final class AssetRows {
    private AssetRows() {
    }

    static Asset asset(Row r) {
        Asset a = new Asset();
        a.id = r.getUUID("id");
        a.tenantId = r.getString("tenant_id");
        a.name = r.getString("name");
        a.type = AssetType.valueOf(r.getString("type"));
        a.description = r.getString("description");
        a.owner = r.getString("owner");
        a.custodian = r.getString("custodian");
        a.location = r.getString("location");
        a.tags = r.getArrayOfStrings("tags");
        a.status = AssetStatus.valueOf(r.getString("status"));
        a.confidentiality = r.getInteger("confidentiality");
        a.integrity = r.getInteger("integrity");
        a.availability = r.getInteger("availability");
        a.effectiveConfidentiality = r.getInteger("effective_confidentiality");
        a.effectiveIntegrity = r.getInteger("effective_integrity");
        a.effectiveAvailability = r.getInteger("effective_availability");
        a.criticality = r.getInteger("criticality");
        a.personalData = r.getBoolean("personal_data");
        a.businessCritical = r.getBoolean("business_critical");
        a.hostnames = r.getArrayOfStrings("hostnames");
        a.ipAddresses = r.getArrayOfStrings("ip_addresses");
        a.externalIds = r.getArrayOfStrings("external_ids");
        a.searchText = r.getString("search_text");
        a.reviewDate = r.getLocalDate("review_date");
        a.createdBy = r.getString("created_by");
        a.createdById = r.getString("created_by_id");
        a.createdAt = r.getOffsetDateTime("created_at");
        a.updatedBy = r.getString("updated_by");
        a.updatedById = r.getString("updated_by_id");
        a.updatedAt = r.getOffsetDateTime("updated_at");
        a.version = r.getLong("version");
        return a;
    }

    static List<UUID> dependsOn(Row r) {
        return List.of(r.getArrayOfUUIDs("depends_on"));
    }
}
