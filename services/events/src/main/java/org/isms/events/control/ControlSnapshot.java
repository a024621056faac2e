package org.isms.events.control;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A control of a tenant as it stands after a change: what the catalog says of it (Annex A or the tenant's own)
 * and the tenant's implementation, with the live risks whose treatment calls for it, so that a consumer (risk-service
 * proposing residual risk, the audit trail) needs nothing else. {@code applicable} is the SoA's answer: true when a
 * live risk calls for the control or the tenant included it, false when excluded, null while undecided.
 * {@code decided} is the tenant's own decision (true, false or null), which a risk calling for the control overrides.
 */
public record ControlSnapshot(String controlId, String title, String theme, boolean own, Boolean applicable,
        Boolean decided, String justification, String status, String owner, String ownerId, LocalDate dueDate,
        Effectiveness effectiveness, List<UUID> calledForBy, long version) {

    /** The last effectiveness assessment: the result, who made it (name and stable id), when and how. */
    public record Effectiveness(String result, String assessedBy, String assessedById, OffsetDateTime assessedAt,
            String method) {
    }
}
