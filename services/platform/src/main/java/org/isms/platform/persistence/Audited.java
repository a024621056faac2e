package org.isms.platform.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.isms.platform.tenancy.Caller;

/**
 * The who-and-when columns every record of a register carries ({@code created_by}, {@code created_by_id},
 * {@code created_at}, {@code updated_*}) and its {@code version}, the optimistic lock that is also the ETag.
 * Names are user names as people read them; ids are the stable token subjects, null for what the system wrote
 * (a seeded baseline) and in rows written before ids were recorded. {@code updated*} names a person's last edit:
 * a flag the system raises changes the version but not these.
 */
@MappedSuperclass
public abstract class Audited {
    public String createdBy;
    public String createdById;
    public OffsetDateTime createdAt;
    public String updatedBy;
    public String updatedById;
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    /** Created by {@code by} at {@code at}, which is also its first update. */
    public void markCreated(Caller by, OffsetDateTime at) {
        markCreated(by.name(), by.id(), at);
    }

    /** Created by the author of this name and user id (null for the system, a seed), at {@code at}. */
    public void markCreated(String by, String byId, OffsetDateTime at) {
        createdBy = by;
        createdById = byId;
        createdAt = at;
        markUpdated(by, byId, at);
    }

    /** Who changed the record last, and when. */
    public void markUpdated(Caller by, OffsetDateTime at) {
        markUpdated(by.name(), by.id(), at);
    }

    public void markUpdated(String by, String byId, OffsetDateTime at) {
        updatedBy = by;
        updatedById = byId;
        updatedAt = at;
    }
}
