package org.isms.risk.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.isms.events.asset.Cia;

/**
 * What risk-service knows of an asset, from asset-service's events: enough to check that a risk's
 * assets exist in the tenant, to propose impact from their effective CIA ratings and to flag risks
 * when those change. Written only by {@code AssetEventsConsumer}.
 */
@Entity
public class AssetProjection {
    @Id
    public UUID assetId;
    public String tenantId;
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
}
