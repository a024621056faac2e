package org.isms.risk.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.util.UUID;
import org.isms.platform.persistence.Audited;

/** A threat or a vulnerability of a tenant's catalog; {@code baseline} when it came with the seed. */
@Entity
public class CatalogEntry extends Audited {
    public enum Kind {
        THREAT, VULNERABILITY
    }

    @Id
    public UUID id;
    public String tenantId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String code;
    public String name;
    public String category;
    public String description;
    public boolean baseline;
}
