package org.isms.asset.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.isms.asset.domain.AssetChange;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;

/** The JSON bodies of the asset API. Requests are checked by Bean Validation, then by the inventory's rules. */
public final class AssetDtos {
    private AssetDtos() {
    }

    /** Confidentiality, integrity and availability, each 1 (low) to 4 (very high). */
    public record Ratings(
            @NotNull @Min(1) @Max(4) @Schema(examples = "3") Integer confidentiality,
            @NotNull @Min(1) @Max(4) @Schema(examples = "3") Integer integrity,
            @NotNull @Min(1) @Max(4) @Schema(examples = "2") Integer availability) {
    }

    /** What SIEM alerts are matched on. IP addresses may be CIDR networks (10.20.0.0/16). */
    public record AssetIdentifiers(
            @Schema(examples = "[\"crm-db01.acme.local\"]") List<String> hostnames,
            @Schema(examples = "[\"10.20.1.15\", \"10.20.8.0/24\"]") List<String> ipAddresses,
            @Schema(examples = "[\"arn:aws:rds:eu-central-1:123456789012:db:crm\"]") List<String> externalIds) {
    }

    /** Registers an asset. {@code status} defaults to PLANNED. */
    public record AssetRequest(
            @NotBlank @Size(max = 200) @Schema(examples = "CRM database") String name,
            @NotNull AssetType type,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 200) @Schema(examples = "alice") String owner,
            @Size(max = 200) String custodian,
            @Size(max = 200) String location,
            List<String> tags,
            AssetStatus status,
            @NotNull @Valid Ratings classification,
            Boolean personalData,
            Boolean businessCritical,
            @Valid AssetIdentifiers identifiers,
            List<@NotNull UUID> dependsOn,
            LocalDate reviewDate) {
    }

    /**
     * Replaces an asset's descriptive fields, identifiers and dependencies. The ratings change only through
     * {@code PUT /classification} (with a reason) and the status only through transitions.
     */
    public record AssetUpdate(
            @NotBlank @Size(max = 200) String name,
            @NotNull AssetType type,
            @Size(max = 4000) String description,
            @NotBlank @Size(max = 200) String owner,
            @Size(max = 200) String custodian,
            @Size(max = 200) String location,
            List<String> tags,
            Boolean personalData,
            Boolean businessCritical,
            @Valid AssetIdentifiers identifiers,
            List<@NotNull UUID> dependsOn,
            LocalDate reviewDate) {
    }

    /** New own ratings and why they changed; the reason goes into the history and the event. */
    public record ClassificationChange(
            @NotNull @Min(1) @Max(4) Integer confidentiality,
            @NotNull @Min(1) @Max(4) Integer integrity,
            @NotNull @Min(1) @Max(4) Integer availability,
            @NotBlank @Size(max = 1000) @Schema(examples = "now holds customer payment data") String reason) {
    }

    public record Transition(@NotNull @Schema(examples = "IN_USE") AssetStatus to) {
    }

    /** An asset as the API shows it: its own and its effective ratings, and where it may go next. */
    public record AssetView(UUID id, String name, AssetType type, String description, String owner, String custodian,
            String location, List<String> tags, AssetStatus status, List<AssetStatus> allowedTransitions,
            Ratings classification, Ratings effectiveClassification, int criticality, boolean personalData,
            boolean businessCritical, AssetIdentifiers identifiers, List<UUID> dependsOn, LocalDate reviewDate,
            String createdBy, String createdById, OffsetDateTime createdAt, String updatedBy, String updatedById,
            OffsetDateTime updatedAt, long version) {
    }

    /** An asset of a dependency graph: how far it is, and its ratings. */
    public record GraphNodeView(UUID id, String name, AssetType type, AssetStatus status, int depth,
            Ratings classification, Ratings effectiveClassification, int criticality) {
    }

    /** What an asset depends on and what depends on it, transitively (depth 1 = directly). */
    public record DependenciesView(GraphNodeView asset, List<GraphNodeView> dependsOn,
            List<GraphNodeView> dependents) {
    }

    /** One change of the history: {@code changes} maps each changed field to {@code {from, to}}. */
    public record HistoryEntryView(long version, AssetChange.Action action, String by, String byId, OffsetDateTime at,
            String reason, UUID cause, JsonNode changes) {
    }

    /** An asset an alert points at; {@code matchedOn} says by which identifier. */
    public record MatchView(UUID id, String name, AssetType type, AssetStatus status, String owner, int criticality,
            Ratings effectiveClassification, List<String> matchedOn) {
    }

    public record MatchResult(List<MatchView> matches) {
    }

    /**
     * What an import did, all of it in one transaction: {@code checked} data rows of the file checked, {@code imported}
     * assets written (every row: a file with a bad row writes nothing and is a 400), {@code dependencies} written
     * with them, {@code reclassified} existing assets whose effective ratings they raised; the assets registered,
     * with the line each came from.
     */
    public record ImportResult(int checked, int imported, int dependencies, int reclassified,
            List<ImportedAsset> assets) {
    }

    public record ImportedAsset(int line, UUID id, String name) {
    }
}
