package org.isms.control.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.isms.control.domain.Evidence;
import org.isms.control.domain.EvidenceDraft;
import org.isms.control.domain.EvidenceRevision;
import org.isms.control.service.EvidenceService;

/** The evidence API's bodies. */
public final class EvidenceDtos {
    private EvidenceDtos() {
    }

    public record EvidenceRequest(
            @NotBlank @Size(max = 200) String title,
            @NotNull @Schema(description = "FILE (then upload revisions) or LINK (give url)") Evidence.Kind kind,
            @Size(max = 2000) String url,
            @Size(max = 2000) String description,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 20) String> controlIds,
            LocalDate validFrom,
            @Schema(description = "The last day it is valid; after it, it no longer supports its controls")
            LocalDate expiresAt) {
    }

    public record RevisionView(int revision, String fileName, String contentType, long size, String sha256,
            String uploadedBy, OffsetDateTime uploadedAt, String content) {
    }

    public record EvidenceView(UUID id, String title, Evidence.Kind kind, String url, String description,
            List<String> controlIds, LocalDate validFrom, LocalDate expiresAt, int revision,
            List<RevisionView> revisions, String createdBy, OffsetDateTime createdAt, String updatedBy,
            OffsetDateTime updatedAt, long version) {
    }

    static EvidenceDraft draft(EvidenceRequest r) {
        return new EvidenceDraft(r.title(), r.kind(), r.url(), r.description(), r.controlIds(), r.validFrom(),
                r.expiresAt());
    }

    static EvidenceView view(EvidenceService.Details d) {
        Evidence e = d.evidence();
        return new EvidenceView(e.id, e.title, e.kind, e.url, e.description, Arrays.asList(e.controlIds), e.validFrom,
                e.expiresAt, e.revision, d.revisions().stream().map(r -> revision(e, r)).toList(), e.createdBy,
                e.createdAt, e.updatedBy, e.updatedAt, e.version);
    }

    private static RevisionView revision(Evidence e, EvidenceRevision r) {
        return new RevisionView(r.revision, r.fileName, r.contentType, r.size, r.sha256, r.uploadedBy, r.uploadedAt,
                "/api/evidence/" + e.id + "/revisions/" + r.revision + "/content");
    }
}
