package org.isms.risk.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;

/** One action of a treatment plan: who does what by when, and the Annex A controls it implements. */
public record PlanItem(String action, String owner, LocalDate dueDate, Status status, List<String> controlIds) {
    public enum Status {
        PLANNED, IN_PROGRESS, DONE
    }

    /**
     * 400, naming every fault, unless the plan fits the option: every control an item names is an Annex A
     * control, and MODIFY has at least one item.
     */
    public static void requireValid(TreatmentOption option, List<PlanItem> items) {
        List<FieldError> faults = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            List<String> controls = items.get(k).controlIds() == null ? List.of() : items.get(k).controlIds();
            for (int c = 0; c < controls.size(); c++) {
                if (!AnnexA.isControl(controls.get(c))) {
                    faults.add(new FieldError("plan[" + k + "].controlIds[" + c + "]", "'" + controls.get(c)
                            + "' is not an ISO/IEC 27001:2022 Annex A control (5.1–5.37, 6.1–6.8, 7.1–7.14, 8.1–8.34)",
                            null));
                }
            }
        }
        if (option == TreatmentOption.MODIFY && items.isEmpty()) {
            faults.add(new FieldError("plan", "MODIFY needs at least one plan item with the controls it implements", null));
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the treatment plan is not valid: " + faults.get(0).field() + " "
                    + faults.get(0).message(), faults);
        }
    }
}
