package org.isms.incident.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A report a regime asks for of an incident: its deadline, and its submission once recorded (who, when, the
 * authority's reference). The watch announces once that it is near and once that it passed unmet.
 */
@Entity
@IdClass(IncidentReport.Key.class)
public class IncidentReport {
    @Id
    public String tenantId;
    @Id
    public UUID incidentId;
    @Id
    public String regime;
    @Id
    public String report;
    public OffsetDateTime dueAt;
    public OffsetDateTime submittedAt;
    public String submittedBy;
    public String reference;
    public boolean approachingAnnounced;
    public boolean missedAnnounced;

    public static class Key implements Serializable {
        public String tenantId;
        public UUID incidentId;
        public String regime;
        public String report;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(incidentId, k.incidentId)
                    && Objects.equals(regime, k.regime) && Objects.equals(report, k.report);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, incidentId, regime, report);
        }
    }
}
