package org.isms.control.domain;

import java.util.List;

/**
 * The live risks whose treatment calls for a control: how many, and by title those named (all of them for one
 * control; the first {@link #NAMED} in a list of controls, where a control called for by hundreds of risks would
 * otherwise carry all of them on every line).
 */
public record CallingRisks(List<RiskRef> named, int count) {
    /** How many risks a list of controls names per control. */
    public static final int NAMED = 20;
    public static final CallingRisks NONE = new CallingRisks(List.of(), 0);

    public CallingRisks {
        named = List.copyOf(named);
    }

    /** All of them, named. */
    public static CallingRisks of(List<RiskRef> all) {
        return new CallingRisks(all, all.size());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Whether every calling risk is named. */
    public boolean complete() {
        return named.size() == count;
    }
}
