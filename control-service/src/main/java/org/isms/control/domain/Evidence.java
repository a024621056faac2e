package org.isms.control.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.isms.platform.persistence.Audited;

/**
 * Evidence that controls work (a policy, a report, a screenshot, a ticket): a file whose revisions are kept, or a
 * link; valid from one date until another ({@code expiresAt} is the last valid day), supporting one or more controls.
 * A file supports them once it has a revision. Which evidence is valid on a day is counted in the database
 * ({@code evidence_control}, {@code EvidenceRepository}).
 */
@Entity
@IdClass(Evidence.Key.class)
public class Evidence extends Audited {
    public enum Kind {
        FILE, LINK
    }

    @Id
    public String tenantId;
    @Id
    public UUID id;
    public String title;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String url;
    public String description;
    public String[] controlIds;
    public LocalDate validFrom;
    public LocalDate expiresAt;
    /** The current file revision; 0 for a link, or a file not uploaded yet. */
    public int revision;
    /** The expiry date the expiry job announced (null until it did). */
    public LocalDate expiryAnnounced;

    public List<String> controls() {
        return controlIds == null ? List.of() : List.of(controlIds);
    }

    /** The key: the tenant and the evidence. */
    public static class Key implements Serializable {
        public String tenantId;
        public UUID id;

        public Key() {
        }

        public Key(String tenantId, UUID id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, id);
        }
    }
}
