package org.isms.events.control;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code isms.soa.published.v1}: a tenant's Statement of Applicability was frozen as version {@code number}, approved by
 * {@code approver} (name and stable id). {@code entries} is what it states of each control, so the trail alone keeps it.
 */
public record SoaPublished(int number, OffsetDateTime publishedAt, String approver, String approverId, String note,
        int applicable, int excluded, int undecided, List<Entry> entries) {

    /** One control's line in the statement. */
    public record Entry(String controlId, Boolean applicable, String justification, String status,
            String effectiveness, List<String> risks) {
    }
}
