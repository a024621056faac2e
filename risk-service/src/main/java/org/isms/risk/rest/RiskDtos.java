package org.isms.risk.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.isms.risk.domain.CatalogEntry;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.Methodology.ScaleLevel;
import org.isms.risk.domain.PlanItem;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.domain.RiskLevel;
import org.isms.risk.domain.RiskStatus;
import org.isms.risk.domain.TreatmentOption;
import org.isms.risk.service.RiskRegister;

/** The JSON bodies of the risk API. Requests are checked by Bean Validation, then by the register's rules. */
public final class RiskDtos {
    private RiskDtos() {
    }

    // --------------------------------------------------------------------------------------------- risks

    /** Records a risk, or replaces its descriptive fields (PUT). Levels change only through /assessment. */
    public record RiskRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "Ransomware encrypts the CRM database") String title,
            @Size(max = 4000) String description,
            @NotNull @Size(min = 1, max = RiskRegister.MAX_ASSETS) List<@NotNull UUID> assetIds,
            UUID threatId,
            UUID vulnerabilityId,
            @NotBlank @Size(max = 200) @Schema(description = "The owner's user name (compared without regard to case);"
                    + " a risk owner may only name themselves", examples = "alice") String owner,
            @NotNull @Size(min = 1, max = 3) @Schema(description = "The affected properties", examples = "[\"C\", \"A\"]")
            List<@NotNull @Pattern(regexp = "[CIA]", message = "must be C, I or A") String> cia) {
    }

    /** A likelihood and an impact, each a level of the methodology's scales. */
    public record Pair(@Schema(examples = "4") Integer likelihood, @Schema(examples = "5") Integer impact) {
    }

    /** Assesses a risk. Inherent impact may be left out to take the impact the assets propose. */
    public record AssessmentRequest(@NotNull @Valid Pair inherent, @Valid Pair residual, @Size(max = 1000) String reason) {
    }

    public record PlanItemRequest(
            @NotBlank @Size(max = 500) @Schema(examples = "Enforce MFA on the CRM admin console") String action,
            @NotBlank @Size(max = 200) String owner,
            @NotNull LocalDate dueDate,
            @NotNull PlanItem.Status status,
            @Size(max = 20) @Schema(examples = "[\"8.5\", \"5.17\"]") List<@NotNull String> controlIds) {
    }

    public record TreatmentRequest(@NotNull TreatmentOption option,
            @NotNull @Size(max = 50) List<@NotNull @Valid PlanItemRequest> plan) {
    }

    /** Accepts the residual risk; the caller is the approver. */
    public record AcceptanceRequest(@NotBlank @Size(max = 2000) String justification,
            @NotNull @Schema(description = "In the future, at most the methodology's maxAcceptanceDays ahead")
            OffsetDateTime expiresAt) {
    }

    public record ReviewRequest(@Size(max = 2000) String comment) {
    }

    public record CloseRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    public record Rating(int likelihood, int impact, int score, RiskLevel level) {
    }

    public record Treatment(TreatmentOption option, List<PlanItem> plan) {
    }

    public record Acceptance(String approver, String approverId, String justification, OffsetDateTime expiresAt,
            OffsetDateTime acceptedAt) {
    }

    public record AssetRef(UUID id, String name, String type, String status) {
    }

    public record RiskView(UUID id, String title, String description, List<UUID> assetIds, List<AssetRef> assets,
            UUID threatId, UUID vulnerabilityId, String owner,
            @Schema(description = "The owner's stable user id; null until the owner has used the ISMS") String ownerId,
            List<String> cia, Integer proposedImpact,
            Rating inherent, Treatment treatment, List<String> controlIds, Rating residual, RiskLevel level,
            boolean aboveAppetite, int methodologyVersion, Acceptance acceptance, RiskStatus status,
            List<RiskStatus> allowedTransitions, boolean reviewRequired, List<ReviewReason> reviewReasons,
            LocalDate nextReviewDue, boolean overdue, String lastReviewedBy, String lastReviewedById,
            OffsetDateTime lastReviewedAt, String closedReason, String createdBy, String createdById,
            OffsetDateTime createdAt, String updatedBy, String updatedById, OffsetDateTime updatedAt, long version,
            @Schema(description = "The residual the effectiveness of the plan's controls proposes (the methodology's"
                    + " controlEffect); null when the plan names no control. The assessed residual stays the owner's")
            ProposedResidual proposedResidual) {
    }

    /** The residual proposed from control effectiveness, the controls it rests on, and whether the assessed differs. */
    public record ProposedResidual(Rating rating, List<ControlBasis> controls, boolean differsFromAssessed) {
    }

    /** A control the plan relies on; {@code counted}: not excluded and implemented at least in part, so it lowers the proposal. */
    public record ControlBasis(String controlId, String title, String effectiveness, boolean counted) {
    }

    public record CellView(int likelihood, int impact, RiskLevel level, long inherent, long residual) {
    }

    public record HeatmapView(int methodologyVersion, int likelihoodLevels, int impactLevels, long risks,
            List<CellView> cells) {
    }

    // ------------------------------------------------------------------------------------------ methodology

    public record MethodologyRequest(
            @NotNull List<ScaleLevel> likelihood,
            @NotNull List<ScaleLevel> impact,
            @NotNull @Schema(description = "matrix[likelihood - 1][impact - 1]") List<List<RiskLevel>> matrix,
            @NotNull RiskLevel appetite,
            @NotNull Map<RiskLevel, Integer> reviewIntervalDays,
            @Schema(description = "How many days ahead an acceptance may expire at most (1 to 1095; default 365)",
                    examples = "365") Integer maxAcceptanceDays,
            @Schema(description = "How effective controls lower the likelihood of the proposed residual (levels per"
                    + " EFFECTIVE and per PARTIALLY_EFFECTIVE control, summed and rounded down; default 1 and 0.5)")
            Methodology.ControlEffect controlEffect,
            @Size(max = 1000) String reason) {
    }

    public record MethodologyView(int version, List<ScaleLevel> likelihood, List<ScaleLevel> impact,
            List<List<RiskLevel>> matrix, RiskLevel appetite, Map<RiskLevel, Integer> reviewIntervalDays,
            int maxAcceptanceDays, Methodology.ControlEffect controlEffect, String changedBy, String changedById, OffsetDateTime changedAt, String reason) {
    }

    // ------------------------------------------------------------------------------------------------ catalogs

    public record CatalogRequest(
            @NotBlank @Size(max = 20) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, . _ - only")
            @Schema(examples = "T19") String code,
            @NotBlank @Size(max = 200) @Schema(examples = "Credential stuffing") String name,
            @NotBlank @Size(max = 100) @Schema(examples = "Unauthorised actions") String category,
            @Size(max = 2000) String description) {
    }

    public record CatalogView(UUID id, CatalogEntry.Kind kind, String code, String name, String category,
            String description, boolean baseline, String createdBy, String createdById, OffsetDateTime createdAt,
            String updatedBy, String updatedById, OffsetDateTime updatedAt, long version) {
    }
}
