package org.isms.control.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What control-service knows of a risk, from risk-service's events: its title, status and the controls its
 * treatment plan names. A risk that is neither closed nor deleted calls for those controls. Written only by
 * {@code RiskLinks}.
 */
@Entity
@IdClass(RiskLink.Key.class)
public class RiskLink {
    @Id
    public String tenantId;
    @Id
    public UUID riskId;
    public String title;
    public String status;
    public String[] controlIds;
    public boolean deleted;
    public long riskVersion;
    public String lastEventId;
    public OffsetDateTime lastEventAt;

    /** The controls this risk calls for now: its plan's, while it is live; none once closed or deleted. */
    public List<String> callsFor() {
        return deleted || "CLOSED".equals(status) || controlIds == null ? List.of() : List.of(controlIds);
    }

    /** The key: tenant and risk. */
    public static class Key implements Serializable {
        public String tenantId;
        public UUID riskId;

        public Key() {
        }

        public Key(String tenantId, UUID riskId) {
            this.tenantId = tenantId;
            this.riskId = riskId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(riskId, k.riskId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, riskId);
        }
    }
}
