package org.isms.incident.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** An incident declared reportable under a regime, with the times its clocks run from. */
@Entity
@IdClass(IncidentRegime.Key.class)
public class IncidentRegime {
    @Id
    public String tenantId;
    @Id
    public UUID incidentId;
    @Id
    public String regime;
    public OffsetDateTime awareAt;
    public OffsetDateTime classifiedAt;
    public String declaredBy;
    public OffsetDateTime declaredAt;

    public static class Key implements Serializable {
        public String tenantId;
        public UUID incidentId;
        public String regime;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(incidentId, k.incidentId)
                    && Objects.equals(regime, k.regime);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, incidentId, regime);
        }
    }
}
