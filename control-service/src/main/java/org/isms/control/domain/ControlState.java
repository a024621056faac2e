package org.isms.control.domain;

import java.util.List;
import java.util.stream.Collectors;
import org.isms.control.catalog.CatalogControl;
import org.isms.events.control.ControlSnapshot;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;

/**
 * A control as the SoA sees it: the catalog's entry, the tenant's implementation, the live risks whose
 * treatment calls for it and its evidence. The SoA is derived here, not typed: a control a live risk calls for is applicable with
 * those risks as the reason, and cannot be excluded while they do.
 */
public record ControlState(CatalogControl control, ControlImplementation implementation, CallingRisks calledFor,
        EvidenceSummary evidence) {

    public ControlState {
        calledFor = calledFor == null ? CallingRisks.NONE : calledFor;
        evidence = evidence == null ? EvidenceSummary.NONE : evidence;
    }

    /** A control with all its calling risks named, and its evidence as given. */
    public ControlState(CatalogControl control, ControlImplementation implementation, List<RiskRef> calledFor,
            EvidenceSummary evidence) {
        this(control, implementation, CallingRisks.of(calledFor), evidence);
    }

    /** A control whose evidence is not known here (a write's answer reads it again). */
    public ControlState(CatalogControl control, ControlImplementation implementation, List<RiskRef> calledFor) {
        this(control, implementation, CallingRisks.of(calledFor), EvidenceSummary.NONE);
    }

    /** An applicable control with no evidence valid today. */
    public boolean missingEvidence() {
        return Boolean.TRUE.equals(applicable()) && evidence.valid() == 0;
    }

    /** The SoA's answer: true when a live risk calls for it or the tenant included it, false excluded, null undecided. */
    public Boolean applicable() {
        return calledFor.isEmpty() ? implementation.applicable : Boolean.TRUE;
    }

    /**
     * The version the API shows as the ETag: 0 while the tenant has decided nothing of the control (no row), then
     * one more with every change of its implementation.
     */
    public long version() {
        return implementation.createdAt == null ? 0 : implementation.version + 1;
    }

    /** Why the control is in the statement or not: the risks that call for it, then the tenant's justification. */
    public String reason() {
        String risks = calledFor.isEmpty() ? null
                : "called for by " + (calledFor.count() == 1 ? "risk " : "risks ")
                        + calledFor.named().stream().map(RiskRef::title).collect(Collectors.joining("; "))
                        + (calledFor.complete() ? "" : " and " + (calledFor.count() - calledFor.named().size())
                                + " more");
        String justification = blank(implementation.justification) ? null : implementation.justification;
        if (risks == null) {
            return justification;
        }
        // an exclusion's reason is not a reason to include: while risks override it, they alone are the reason
        return justification == null || Boolean.FALSE.equals(implementation.applicable) ? risks
                : risks + ". " + justification;
    }

    /**
     * Whether the statement lacks a reason ISO/IEC 27001 6.1.3 d asks for: an included control no risk calls for
     * without its legal, contractual or business reason (a risk that called for it closed since).
     */
    public boolean justificationMissing() {
        return Boolean.TRUE.equals(applicable()) && calledFor.isEmpty() && blank(implementation.justification);
    }

    /**
     * 409 when the change excludes the control while live risks call for it (naming them); 400 when an exclusion,
     * or an inclusion no risk calls for, comes without its justification.
     */
    public void requireDecision(ControlImplementation.Change change) {
        if (Boolean.FALSE.equals(change.applicable()) && !calledFor.isEmpty()) {
            throw new ConflictException("control " + control.id() + " cannot be excluded: the treatment of "
                    + (calledFor.count() == 1 ? "risk " : "risks ") + calledFor.named().stream().map(r -> "'" + r.title()
                            + "' (" + r.id() + ")").collect(Collectors.joining(", "))
                    + (calledFor.complete() ? "" : " and " + (calledFor.count() - calledFor.named().size()) + " more")
                    + " calls for it; change or close those risks first");
        }
        if (Boolean.FALSE.equals(change.applicable()) && blank(change.justification())) {
            throw new InvalidInputException("justification", "an excluded control needs the reason it is not"
                    + " necessary (ISO/IEC 27001 6.1.3 d)");
        }
        if (Boolean.TRUE.equals(change.applicable()) && calledFor.isEmpty() && blank(change.justification())) {
            throw new InvalidInputException("justification", "no risk calls for control " + control.id()
                    + ": give the legal, contractual or business reason to include it");
        }
    }

    public ControlSnapshot snapshot() {
        ControlImplementation i = implementation;
        return new ControlSnapshot(control.id(), control.title(), control.theme().name(), control.own(), applicable(),
                i.applicable, i.justification, i.status.name(), i.owner, i.ownerId, i.dueDate,
                new ControlSnapshot.Effectiveness(i.effectiveness.name(), i.assessedBy, i.assessedById, i.assessedAt,
                        i.assessmentMethod),
                calledFor.named().stream().map(RiskRef::id).toList(), version());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
