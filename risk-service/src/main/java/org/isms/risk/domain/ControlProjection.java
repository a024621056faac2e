package org.isms.risk.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What risk-service knows of a control of a tenant, from control-service's events: its title, applicability,
 * implementation status and effectiveness, which propose the residual of the risks relying on it. Written only by
 * {@code ControlProjectionService}.
 */
@Entity
@IdClass(ControlProjection.Key.class)
public class ControlProjection {
    @Id
    public String tenantId;
    @Id
    public String controlId;
    public String title;
    public Boolean applicable;
    public String status;
    public String effectiveness;
    public long controlVersion;
    public String lastEventId;
    public OffsetDateTime lastEventAt;

    /** The projection's key: the tenant and the control. */
    public static class Key implements Serializable {
        public String tenantId;
        public String controlId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(controlId, k.controlId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, controlId);
        }
    }
}
