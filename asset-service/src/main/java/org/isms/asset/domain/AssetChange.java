package org.isms.asset.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of an asset's history: who changed what, when, and why. Never updated, kept after deletion. */
@Entity
public class AssetChange {
    @Id
    public UUID id;
    public String tenantId;
    public UUID assetId;
    public long assetVersion;
    @Enumerated(EnumType.STRING)
    public Action action;
    public String changedBy;
    /** The stable id (token subject) of who changed it; null in entries written before it was recorded. */
    public String changedById;
    public OffsetDateTime changedAt;
    public String reason;
    /** For an effective-rating change: the asset whose change caused it. */
    public UUID cause;
    /** JSON object, field name to {@code {"from": …, "to": …}}. */
    public String changes;

    public enum Action {
        REGISTERED, UPDATED, CLASSIFIED, EFFECTIVE_CLASSIFICATION_CHANGED, STATUS_CHANGED, DEPENDENCIES_CHANGED,
        DELETED
    }
}
