package org.isms.control.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a control's history: what changed (kind and a readable summary), who changed it and when. */
@Entity
public class ControlChange {
    public enum Kind {
        ADDED, DEFINITION, IMPLEMENTATION, APPLICABILITY, EFFECTIVENESS, CALLED_FOR, EVIDENCE
    }

    @Id
    public UUID id;
    /** The order of writing (the database numbers the rows), which several changes in one instant keep. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    public String tenantId;
    public String controlId;
    public OffsetDateTime at;
    /** Who made it; null when a risk event did. */
    public String byName;
    public String byId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;
    public String summary;

    public static ControlChange of(String tenant, String controlId, Kind kind, String summary, String by, String byId,
            OffsetDateTime at) {
        ControlChange c = new ControlChange();
        c.id = UUID.randomUUID();
        c.tenantId = tenant;
        c.controlId = controlId;
        c.kind = kind;
        c.summary = summary;
        c.byName = by;
        c.byId = byId;
        c.at = at;
        return c;
    }
}
