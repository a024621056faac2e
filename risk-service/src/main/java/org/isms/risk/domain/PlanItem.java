package org.isms.risk.domain;

import java.time.LocalDate;
import java.util.List;

/** One action of a treatment plan: who does what by when, and the Annex A controls it implements. */
public record PlanItem(String action, String owner, LocalDate dueDate, Status status, List<String> controlIds) {
    public enum Status {
        PLANNED, IN_PROGRESS, DONE
    }
}
