package org.isms.control.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** One uploaded file of a piece of evidence: its name, type, size and SHA-256, who uploaded it and when. */
@Entity
@IdClass(EvidenceRevision.Key.class)
public class EvidenceRevision {
    @Id
    public String tenantId;
    @Id
    public UUID evidenceId;
    @Id
    public int revision;
    public String fileName;
    public String contentType;
    public long size;
    public String sha256;
    public String uploadedBy;
    public String uploadedById;
    public OffsetDateTime uploadedAt;

    /** The key: tenant, evidence and revision number. */
    public static class Key implements Serializable {
        public String tenantId;
        public UUID evidenceId;
        public int revision;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(tenantId, k.tenantId) && Objects.equals(evidenceId, k.evidenceId)
                    && revision == k.revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, evidenceId, revision);
        }
    }
}
