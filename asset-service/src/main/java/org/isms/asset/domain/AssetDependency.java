package org.isms.asset.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.util.UUID;

/** One edge of the dependency graph: {@code assetId} depends on {@code dependsOnId}. */
@Entity
@IdClass(AssetDependency.Key.class)
public class AssetDependency {
    @Id
    public UUID assetId;
    @Id
    public UUID dependsOnId;
    public String tenantId;

    public AssetDependency() {
    }

    public AssetDependency(String tenantId, UUID assetId, UUID dependsOnId) {
        this.tenantId = tenantId;
        this.assetId = assetId;
        this.dependsOnId = dependsOnId;
    }

    public record Key(UUID assetId, UUID dependsOnId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
