package org.isms.incident.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.isms.incident.domain.IncidentStatus;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.Severity;

/** What the incident API takes and gives. */
public final class IncidentDtos {
    private IncidentDtos() {
    }

    public record IncidentView(UUID id, String number, String title, String description, IncidentStatus status,
            Severity severity, Priority priority, String category, String assignee, List<String> ciaHit,
            boolean personalData, String lessonsLearned, int alertCount, OffsetDateTime firstSeen,
            OffsetDateTime lastSeen, List<UUID> assetIds, List<UUID> riskIds, UUID mergedInto, String sourceSystem,
            String ruleId, OffsetDateTime openedAt, OffsetDateTime triagedAt, OffsetDateTime containedAt,
            OffsetDateTime closedAt, List<String> next, List<RegimeView> regimes, List<DeadlineView> deadlines,
            DeadlineView nextDeadline, String createdBy, String updatedBy, OffsetDateTime updatedAt, long version) {
    }

    public record RegimeView(String regime, String title, OffsetDateTime awareAt, OffsetDateTime classifiedAt,
            String declaredBy, OffsetDateTime declaredAt) {
    }

    /** A report's deadline: DUE, OVERDUE, MET or MET_LATE; {@code secondsLeft} negative when overdue. */
    public record DeadlineView(String regime, String report, String title, OffsetDateTime dueAt, String state,
            long secondsLeft, OffsetDateTime submittedAt, String submittedBy, String reference) {
    }

    public record AlertView(UUID id, String sourceSystem, String sourceAlertId, String format, String ruleId,
            String ruleName, Severity severity, String originalSeverity, OffsetDateTime firstSeen,
            OffsetDateTime lastSeen, OffsetDateTime receivedAt, List<String> hosts, List<String> ips,
            List<String> users, List<UUID> assetIds, boolean matched, String disposition, UUID incidentId,
            JsonNode raw) {
    }

    public record OpenRequest(@NotBlank @Size(max = 500) String title, @Size(max = 10000) String description,
            @NotNull Severity severity, @Size(max = 100) String category, @Size(max = 50) List<@NotNull UUID> assetIds,
            @Size(max = 3) List<@NotNull String> ciaHit, Boolean personalData) {
    }

    public record EditRequest(@NotBlank @Size(max = 500) String title, @Size(max = 10000) String description,
            @Size(max = 100) String category, Boolean personalData) {
    }

    public record StatusRequest(@NotNull IncidentStatus status, @Size(max = 10000) String lessonsLearned,
            @Size(max = 2000) String note) {
    }

    public record AssignRequest(@Size(max = 200) String assignee) {
    }

    public record EscalateRequest(Priority priority, Severity severity, @Size(max = 50) List<@NotNull UUID> assetIds,
            @Size(max = 3) List<@NotNull String> ciaHit, @Size(max = 2000) String reason) {
    }

    public record CommentRequest(@NotBlank @Size(max = 10000) String text) {
    }

    public record MergeRequest(@NotNull UUID from) {
    }

    public record LinkAlertsRequest(@NotEmpty @Size(max = 500) List<@NotNull UUID> alertIds) {
    }

    public record LinkRisksRequest(@NotEmpty @Size(max = 100) List<@NotNull UUID> riskIds) {
    }

    public record DeclareRequest(@NotBlank String regime, @NotNull OffsetDateTime awareAt,
            OffsetDateTime classifiedAt) {
    }

    public record SubmitRequest(OffsetDateTime submittedAt, @Size(max = 200) String reference) {
    }

    /** A configured regime and its reports, for the UI's declare form. */
    public record RegimeInfo(String regime, String title, boolean needsClassification, List<ReportInfo> reports) {
    }

    public record ReportInfo(String report, String title, String due) {
    }
}
