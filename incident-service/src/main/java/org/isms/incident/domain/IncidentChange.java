package org.isms.incident.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of an incident's timeline: a change or a comment, who made it (null: the intake or a clock) and when. */
@Entity
public class IncidentChange {
    public enum Kind {
        OPENED, STATUS, ASSIGNED, ESCALATED, EDITED, COMMENT, ALERTS_LINKED, MERGED, RISKS_LINKED, REGIME, REPORT,
        DEADLINE
    }

    @Id
    public UUID id;
    @Column(insertable = false, updatable = false)
    public Long seq;
    public String tenantId;
    public UUID incidentId;
    public OffsetDateTime at;
    public String byName;
    public String byId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String summary;

    public static IncidentChange of(Incident i, Kind kind, String summary, String by, String byId, OffsetDateTime at) {
        IncidentChange c = new IncidentChange();
        c.id = UUID.randomUUID();
        c.tenantId = i.tenantId;
        c.incidentId = i.id;
        c.kind = kind;
        c.summary = summary;
        c.byName = by;
        c.byId = byId;
        c.at = at;
        return c;
    }
}
