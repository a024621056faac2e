package org.isms.risk.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.isms.risk.repository.JsonbJdbcType;

/**
 * One version of a tenant's methodology: the definition and who made it when, and why. Keyed by tenant and version
 * (1, 2, … per tenant); the tenant's current one is its highest. A change is a new version, never an update of one
 * ({@link Immutable}). A tenant without a version of its own uses {@link Methodology#defaults()} as version 0, which
 * is not stored.
 */
@Entity
@Table(name = "risk_methodology")
@IdClass(MethodologyVersion.Key.class)
@Immutable
public class MethodologyVersion {
    @Id
    public String tenantId;
    @Id
    public int version;
    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    public Methodology definition;
    public String changedBy;
    public String changedById;
    public OffsetDateTime changedAt;
    public String reason;

    public static MethodologyVersion of(String tenantId, int version, Methodology definition, String changedBy,
            String changedById, OffsetDateTime changedAt, String reason) {
        MethodologyVersion v = new MethodologyVersion();
        v.tenantId = tenantId;
        v.version = version;
        v.definition = definition;
        v.changedBy = changedBy;
        v.changedById = changedById;
        v.changedAt = changedAt;
        v.reason = reason;
        return v;
    }

    /**
     * The definition, its review intervals in level order (LOW first) as the default has them: jsonb keeps an
     * object's keys in an order of its own.
     */
    public Methodology methodology() {
        Map<RiskLevel, Integer> intervals = definition.reviewIntervalDays();
        if (intervals == null) {
            return definition;
        }
        Map<RiskLevel, Integer> inLevelOrder = new EnumMap<>(RiskLevel.class);
        inLevelOrder.putAll(intervals);
        return new Methodology(definition.likelihood(), definition.impact(), definition.matrix(), definition.appetite(),
                inLevelOrder, definition.maxAcceptanceDays(), definition.controlEffect());
    }

    /** The key: the tenant and the version. */
    public static class Key implements Serializable {
        public String tenantId;
        public int version;

        public Key() {
        }

        public Key(String tenantId, int version) {
            this.tenantId = tenantId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, version);
        }
    }
}
