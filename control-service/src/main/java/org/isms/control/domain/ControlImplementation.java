package org.isms.control.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.isms.platform.persistence.Audited;
import org.isms.platform.tenancy.Caller;

/**
 * A tenant's implementation of one control: its applicability decision and justification, status, owner, due date
 * and the last effectiveness assessment. The rules of a change live here; {@code ControlState} adds the risks that
 * call for the control, which only the SoA's derivation knows.
 */
@Entity
@IdClass(TenantKey.class)
public class ControlImplementation extends Audited {
    @Id
    public String tenantId;
    @Id
    public String controlId;
    /** The tenant's decision: included, excluded, or null while undecided. */
    public Boolean applicable;
    public String justification;
    @Enumerated(EnumType.STRING)
    public ImplementationStatus status;
    public String owner;
    public String ownerId;
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    public Effectiveness effectiveness;
    public String assessedBy;
    public String assessedById;
    public OffsetDateTime assessedAt;
    public String assessmentMethod;

    /** A control nothing has been decided of yet. */
    public static ControlImplementation blank(String tenant, String controlId) {
        ControlImplementation c = new ControlImplementation();
        c.tenantId = tenant;
        c.controlId = controlId;
        c.status = ImplementationStatus.NOT_STARTED;
        c.effectiveness = Effectiveness.NOT_ASSESSED;
        return c;
    }

    /** What a change asks for: every field as it should be afterwards. */
    public record Change(Boolean applicable, String justification, ImplementationStatus status, String owner,
            String ownerId, LocalDate dueDate) {
    }

    /** Applies the change; the names of the fields it changed (empty: it changed nothing). */
    public List<String> apply(Change c, Caller by, OffsetDateTime at) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(applicable, c.applicable())) {
            changed.add("applicable");
        }
        if (!Objects.equals(justification, c.justification())) {
            changed.add("justification");
        }
        if (status != c.status()) {
            changed.add("status");
        }
        if (!Objects.equals(owner, c.owner())) {
            changed.add("owner");
        }
        if (!Objects.equals(dueDate, c.dueDate())) {
            changed.add("dueDate");
        }
        applicable = c.applicable();
        justification = c.justification();
        status = c.status();
        if (changed.contains("owner")) {
            ownerId = c.ownerId();
        }
        owner = c.owner();
        dueDate = c.dueDate();
        if (!changed.isEmpty()) {
            if (createdAt == null) {
                markCreated(by, at);
            } else {
                markUpdated(by, at);
            }
        }
        return changed;
    }

    /** Records an assessment of the control's effectiveness. */
    public void assess(Effectiveness result, String method, Caller by, OffsetDateTime at) {
        effectiveness = result;
        assessmentMethod = method;
        assessedBy = by.name();
        assessedById = by.id();
        assessedAt = at;
        if (createdAt == null) {
            markCreated(by, at);
        } else {
            markUpdated(by, at);
        }
    }

    /** Whether {@code caller} is the control's owner: by stable id, or by name while no id is bound yet. */
    public boolean ownedBy(Caller caller) {
        return ownerId != null ? ownerId.equals(caller.id())
                : owner != null && owner.equalsIgnoreCase(caller.name());
    }
}
