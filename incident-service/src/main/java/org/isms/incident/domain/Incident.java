package org.isms.incident.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.persistence.Audited;

/**
 * An information security incident of a tenant (ISO/IEC 27001:2022 A.5.24–5.28), worked through the ISO/IEC 27035
 * phases. The alert-driven columns (how many alerts, first and last seen, the assets hit) are the intake's: it
 * writes them in batch statements while responders work the incident, so this entity never writes them
 * ({@code updatable = false}), and only the columns a change touches are written ({@link DynamicUpdate}).
 */
@Entity
@DynamicUpdate
public class Incident extends Audited {
    @Id
    public UUID id;
    public String tenantId;
    public long number;
    public String title;
    public String description;
    @Enumerated(EnumType.STRING)
    public IncidentStatus status;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    public String category;
    public String assignee;
    public String[] ciaHit;
    public boolean personalData;
    public String lessonsLearned;
    public String correlationKey;
    public String sourceSystem;
    public String ruleId;
    @Column(updatable = false)
    public int alertCount;
    @Column(updatable = false)
    public OffsetDateTime firstSeen;
    @Column(updatable = false)
    public OffsetDateTime lastSeen;
    @Column(updatable = false)
    public UUID[] assetIds;
    public UUID[] riskIds;
    public UUID mergedInto;
    public OffsetDateTime openedAt;
    public OffsetDateTime triagedAt;
    public OffsetDateTime containedAt;
    public OffsetDateTime closedAt;

    /** "INC-42". */
    public String handle() {
        return handle(number);
    }

    public static String handle(long number) {
        return "INC-" + number;
    }

    /**
     * Moves the incident to the next phase: forward only ({@link IncidentStatus#next()}); closing needs what was
     * learned (27035's "learn" phase, and the record 27001 A.5.27 asks for). Records when it was triaged,
     * contained and closed, for the metrics.
     */
    public void moveTo(IncidentStatus to, String lessons, OffsetDateTime at) {
        if (!status.next().contains(to)) {
            throw new InvalidStateTransitionException("incident", status, to, status.next());
        }
        if (to == IncidentStatus.CLOSED) {
            String l = lessons != null ? lessons.strip() : lessonsLearned;
            if (l == null || l.isBlank()) {
                throw new InvalidInputException("lessonsLearned", "an incident is closed with its lessons learned"
                        + " (what happened, why, what changes so that it does not happen again)");
            }
            lessonsLearned = l;
        }
        if (triagedAt == null && to != IncidentStatus.FALSE_POSITIVE) {
            triagedAt = at;
        }
        if (containedAt == null && to.containedOrLater()) {
            containedAt = at;
        }
        if (to.isFinal()) {
            closedAt = at;
        }
        status = to;
    }

    /** Merged into {@code target}: final, its alerts moved there. */
    public void mergeInto(Incident target, OffsetDateTime at) {
        if (status.isFinal()) {
            throw new InvalidStateTransitionException("incident", status, IncidentStatus.MERGED, java.util.Set.of());
        }
        if (target.status.isFinal()) {
            throw new org.isms.platform.error.ConflictException(target.handle() + " is " + target.status
                    + ": merge into an incident still being worked");
        }
        status = IncidentStatus.MERGED;
        mergedInto = target.id;
        closedAt = at;
    }

    /** Fails unless the incident is still being worked. */
    public void requireOpen(String what) {
        if (status.isFinal()) {
            throw new InvalidInputException("status", handle() + " is " + status + ": " + what
                    + " only an incident still being worked");
        }
    }
}
