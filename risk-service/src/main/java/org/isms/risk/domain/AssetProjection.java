package org.isms.risk.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.isms.events.asset.Cia;

/**
 * What risk-service knows of an asset, from asset-service's events: enough to check that a risk's
 * assets exist in the tenant, to propose impact from their effective CIA ratings and to flag risks
 * when those change. Keyed by tenant and asset id, so an event of one tenant can never touch another
 * tenant's row. Written only by {@code AssetProjectionService}.
 */
@Entity
@IdClass(AssetProjection.Key.class)
public class AssetProjection {
    @Id
    public String tenantId;
    @Id
    public UUID assetId;
    public String name;
    public String type;
    public String owner;
    public String status;
    public int confidentiality;
    public int integrity;
    public int availability;
    public boolean deleted;
    public long revision;
    public String lastEventId;
    public OffsetDateTime lastEventAt;

    public Cia effective() {
        return new Cia(confidentiality, integrity, availability);
    }

    /** The projection's key: the tenant and the asset. */
    public static class Key implements Serializable {
        public String tenantId;
        public UUID assetId;

        public Key() {
        }

        public Key(String tenantId, UUID assetId) {
            this.tenantId = tenantId;
            this.assetId = assetId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(assetId, k.assetId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, assetId);
        }
    }
}
