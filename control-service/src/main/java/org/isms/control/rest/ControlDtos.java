package org.isms.control.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.isms.control.catalog.Theme;
import org.isms.control.domain.Effectiveness;
import org.isms.control.domain.ImplementationStatus;
import org.isms.control.domain.RiskRef;

/** The control API's request and response bodies. */
public final class ControlDtos {
    private ControlDtos() {
    }

    /** A control of the tenant: the catalog's entry, the tenant's implementation and the risks that call for it. */
    public record ControlView(String id, String title, Theme theme, boolean own,
            @Schema(description = "An own control's definition version: the If-Match of PUT /definition; null for"
                    + " Annex A's") Long definitionVersion, String purpose,
            Map<String, List<String>> attributes,
            @Schema(description = "The SoA's answer: true when a live risk calls for it or it was included, false"
                    + " when excluded, null while undecided") Boolean applicable,
            @Schema(description = "The tenant's own decision, which a risk calling for the control overrides") Boolean decided,
            String justification, String reason, boolean justificationMissing, ImplementationStatus status,
            String owner, LocalDate dueDate, EffectivenessView effectiveness,
            @Schema(description = "The live risks whose treatment calls for it, by title: all of them for one control,"
                    + " the first 20 in a list") List<RiskRef> calledFor,
            @Schema(description = "How many live risks call for it") int calledForCount,
            @Schema(description = "Pieces of evidence valid today") int evidenceCount,
            @Schema(description = "Its evidence expired and none valid is in its place") boolean evidenceExpired,
            @Schema(description = "Applicable, and no evidence valid today") boolean missingEvidence,
            long version, String updatedBy, OffsetDateTime updatedAt) {
    }

    public record EffectivenessView(Effectiveness result, String assessedBy, OffsetDateTime assessedAt, String method) {
    }

    /** The whole implementation, as it should be afterwards (PUT, with If-Match). */
    public record ImplementationRequest(
            @Schema(description = "true to include, false to exclude (with a justification), null to leave undecided")
            Boolean applicable,
            @Size(max = 2000) @Schema(description = "Required to exclude, and to include a control no risk calls for")
            String justification,
            @NotNull ImplementationStatus status,
            @Size(max = 100) @Schema(description = "User name of the control's owner (a risk owner)") String owner,
            LocalDate dueDate) {
    }

    public record EffectivenessRequest(
            @NotNull @Schema(examples = "INEFFECTIVE") Effectiveness result,
            @NotBlank @Size(max = 500) @Schema(examples = "sampled 25 leavers: 4 accounts still active after 30 days")
            String method,
            @Size(max = 2000) String note) {
    }

    public record AttributesRequest(@NotEmpty List<@NotBlank String> controlTypes,
            @NotEmpty List<@NotBlank String> properties, @NotEmpty List<@NotBlank String> concepts,
            @NotEmpty List<@NotBlank String> capabilities, @NotEmpty List<@NotBlank String> domains) {
    }

    public record MappingRequest(@NotBlank String framework, @NotBlank @Size(max = 40) String requirement,
            @NotBlank String relationship) {
    }

    /** A control the tenant adds to its catalog. */
    public record OwnControlRequest(
            @NotBlank @Size(max = 20) @Schema(examples = "ACME-01") String id,
            @NotBlank @Size(max = 200) String title,
            @NotNull Theme theme,
            @NotBlank @Size(max = 1000) String purpose,
            @NotNull @Valid AttributesRequest attributes,
            @Size(max = 50) List<@NotNull @Valid MappingRequest> mappings) {
    }

    public record MappingView(String framework, String requirement, String requirementTitle, String relationship) {
    }

    public record ChangeView(OffsetDateTime at, String by, String kind, String summary) {
    }

    public record PublishRequest(@Size(max = 2000) String note) {
    }

    /** A framework mapped onto the catalog, without its requirements. */
    public record FrameworkSummary(String key, String name, String version, String source, int requirements,
            int mappings) {
    }

    /** A framework with each requirement and the controls that implement it, read from the requirement's side. */
    public record FrameworkView(String key, String name, String version, String source,
            List<RequirementView> requirements) {
    }

    public record RequirementView(String id, String title, List<ImplementedBy> controls) {
    }

    /** {@code relationship}: how the requirement relates to the control (a 2013 control merged into 5.1 is a subset). */
    public record ImplementedBy(String controlId, String relationship) {
    }
}
