package org.isms.incident.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A SIEM alert as kept: normalized, once per source system and source alert id, with the assets it matched, what
 * the intake did with it and the incident it belongs to. Written by the intake's batch statements; read here.
 */
@Entity
public class Alert {
    /** What the intake did with an alert. */
    public enum Disposition {
        /** it opened its incident */
        OPENED,
        /** it joined the open incident of its rule and assets */
        JOINED,
        /** a responder linked it to an incident */
        LINKED,
        /** kept, below the severity that opens incidents */
        BELOW_THRESHOLD,
        /** kept, its rule is one whose alerts open no incident */
        IGNORED_RULE
    }

    @Id
    public UUID id;
    public String tenantId;
    public String sourceSystem;
    public String sourceAlertId;
    public String format;
    public String ruleId;
    public String ruleName;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String originalSeverity;
    public OffsetDateTime firstSeen;
    public OffsetDateTime lastSeen;
    public OffsetDateTime receivedAt;
    public String[] hosts;
    public String[] ips;
    public String[] users;
    public UUID[] assetIds;
    @Enumerated(EnumType.STRING)
    public Disposition disposition;
    public UUID incidentId;
    // the document as received (column raw) is read on its own (AlertRepository.raw): a list never carries it
}
