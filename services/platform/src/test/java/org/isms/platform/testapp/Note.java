package org.isms.platform.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The test application's aggregate: small, tenant-owned, versioned, with a lifecycle. */
@Entity
public class Note {
    @Id
    public UUID id;
    public String tenantId;
    public String text;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    public int rating;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String createdBy;
    public OffsetDateTime createdAt;
    @Version
    public long version;

    public enum Priority { LOW, HIGH }

    public enum Status { DRAFT, PUBLISHED, ARCHIVED }
}
