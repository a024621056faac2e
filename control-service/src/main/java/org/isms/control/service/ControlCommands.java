package org.isms.control.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.ControlImplementation;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.Effectiveness;
import org.isms.control.domain.ImplementationStatus;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * Changes of one control of a tenant: its implementation and applicability (security officers and admins decide
 * everything; the control's owner, a risk owner, moves its status and due date) and effectiveness assessments
 * (auditors, never of a control they own). Every write of a tenant's SoA holds the
 * tenant's SoA lock, as the risk events that change it do, so an exclusion and a risk calling for the control
 * never both commit.
 */
@ApplicationScoped
public class ControlCommands {
    /** What a user asks of a control's implementation (the PUT body). */
    public record ImplementationRequest(Boolean applicable, String justification, ImplementationStatus status,
            String owner, LocalDate dueDate) {
    }

    private final ControlQueries queries;
    private final ControlImplementationRepository implementations;
    private final ControlChangeRepository changes;
    private final ControlEvents events;
    private final UserDirectory directory;
    private final Clock clock;

    public ControlCommands(ControlQueries queries, ControlImplementationRepository implementations,
            ControlChangeRepository changes, ControlEvents events, UserDirectory directory,
            Clock clock) {
        this.queries = queries;
        this.implementations = implementations;
        this.changes = changes;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    /** Replaces the implementation (If-Match: the control's version); the control as it is afterwards. */
    @WithTransaction
    public Uni<ControlState> putImplementation(Caller by, String controlId, long version, ImplementationRequest r) {
        return implementations.lockTenant(ControlImplementationRepository.SOA, by.tenant())
                .chain(() -> queries.state(by.tenant(), controlId))
                .chain(before -> {
                    Preconditions.requireVersion("control " + controlId, before.version(), version);
                    String owner = UserDirectory.normalize(blankToNull(r.owner()));
                    return ownerId(by, owner, before.implementation()).chain(ownerId -> {
                        ControlImplementation.Change change = new ControlImplementation.Change(r.applicable(),
                                blankToNull(r.justification()), r.status(), owner, ownerId, r.dueDate());
                        requireAllowed(by, before, change);
                        if (decides(before.implementation(), change)) {
                            // a status-only change of a control stands whatever was decided before it
                            before.requireDecision(change);
                        }
                        return apply(by, before, change);
                    });
                });
    }

    private Uni<ControlState> apply(Caller by, ControlState before, ControlImplementation.Change change) {
        ControlImplementation i = before.implementation();
        Boolean wasApplicable = before.applicable();
        String wasReason = before.reason();
        String previousStatus = i.status.name();
        boolean fresh = i.createdAt == null;
        OffsetDateTime now = Clocks.now(clock);
        List<String> changed = i.apply(change, by, now);
        if (changed.isEmpty()) {
            return Uni.createFrom().item(before);
        }
        ControlState after = new ControlState(before.control(), i, before.calledFor(), before.evidence());
        boolean decided = changed.contains("applicable") || changed.contains("justification");
        List<String> implementation = changed.stream().filter(f -> !f.equals("applicable") && !f.equals("justification"))
                .toList();
        // every change of the decision is announced and kept, also one the calling risks hide for now
        Uni<Void> announced = Uni.createFrom().voidItem();
        if (decided) {
            announced = announced.chain(() -> events.applicabilityDecided(by.tenant(), after, wasApplicable, by))
                    .chain(() -> changes.persist(ControlChange.of(by.tenant(), i.controlId, ControlChange.Kind.APPLICABILITY,
                            applicability(after), by.name(), by.id(), now))).replaceWithVoid();
        }
        if (!implementation.isEmpty()) {
            announced = announced.chain(() -> events.implementationChanged(by.tenant(), after, implementation,
                    previousStatus, by)).chain(() -> changes.persist(ControlChange.of(by.tenant(), i.controlId,
                            ControlChange.Kind.IMPLEMENTATION, implementationSummary(after, implementation, previousStatus),
                            by.name(), by.id(), now))).replaceWithVoid();
        }
        Uni<?> stored = fresh ? implementations.persist(i) : Uni.createFrom().item(i);
        Uni<Void> then = announced;
        return stored.chain(() -> implementations.flush()).chain(() -> then).replaceWith(after);
    }

    /** Whether the change touches the decision (applicability or its reason), which the SoA's rules govern. */
    private static boolean decides(ControlImplementation current, ControlImplementation.Change change) {
        return !Objects.equals(current.applicable, change.applicable())
                || !Objects.equals(current.justification, change.justification());
    }

    /** Records an effectiveness assessment (auditors); the control as it is afterwards. */
    @WithTransaction
    public Uni<ControlState> assess(Caller by, String controlId, Effectiveness result, String method, String note) {
        if (result == null || result == Effectiveness.NOT_ASSESSED) {
            throw new InvalidInputException("result", "must be EFFECTIVE, PARTIALLY_EFFECTIVE or INEFFECTIVE");
        }
        if (method == null || method.isBlank()) {
            throw new InvalidInputException("method", "say how the effectiveness was assessed (a test, a sample, a"
                    + " review of records)");
        }
        return implementations.lockTenant(ControlImplementationRepository.SOA, by.tenant())
                .chain(() -> queries.state(by.tenant(), controlId))
                .chain(before -> {
                    ControlImplementation i = before.implementation();
                    if (i.ownedBy(by)) {
                        throw new ForbiddenActionException("you own control " + controlId
                                + ": its effectiveness is assessed by someone independent of it");
                    }
                    if (Boolean.FALSE.equals(before.applicable())) {
                        throw new ConflictException("control " + controlId + " is excluded from the SoA: there is no"
                                + " implementation to assess");
                    }
                    String previous = i.effectiveness.name();
                    boolean fresh = i.createdAt == null;
                    OffsetDateTime now = Clocks.now(clock);
                    i.assess(result, method.strip(), by, now);
                    ControlState after = new ControlState(before.control(), i, before.calledFor(), before.evidence());
                    Uni<?> stored = fresh ? implementations.persist(i) : Uni.createFrom().item(i);
                    return stored.chain(() -> implementations.flush())
                            .chain(() -> changes.persist(ControlChange.of(by.tenant(), controlId,
                                    ControlChange.Kind.EFFECTIVENESS, previous + " → " + result + " (" + method.strip()
                                            + ")", by.name(), by.id(), now)))
                            .chain(() -> events.effectivenessAssessed(by.tenant(), after, previous, blankToNull(note)))
                            .replaceWith(after);
                });
    }

    /**
     * Who may change what: officers and admins everything; the control's owner (a risk owner) only its status and
     * due date, not whether it applies, why, or who owns it.
     */
    private static void requireAllowed(Caller by, ControlState before, ControlImplementation.Change change) {
        if (by.officer()) {
            return;
        }
        ControlImplementation i = before.implementation();
        if (!by.has(Roles.RISK_OWNER) || !i.ownedBy(by)) {
            throw new ForbiddenActionException("only the owner of control " + before.control().id()
                    + ", a security officer or an admin changes its implementation");
        }
        if (!Objects.equals(i.applicable, change.applicable()) || !Objects.equals(i.justification, change.justification())
                || !Objects.equals(i.owner, change.owner())) {
            throw new ForbiddenActionException("the owner of a control updates its status and due date; whether it"
                    + " applies, why, and who owns it are for a security officer or an admin");
        }
    }

    /** The stable id of the named owner: unchanged owner keeps it; the caller's own; else the directory's (or null). */
    private Uni<String> ownerId(Caller by, String owner, ControlImplementation current) {
        if (owner == null) {
            return Uni.createFrom().nullItem();
        }
        if (owner.equals(current.owner)) {
            return Uni.createFrom().item(current.ownerId);
        }
        return owner.equals(UserDirectory.normalize(by.name())) ? Uni.createFrom().item(by.id())
                : directory.idOf(by.tenant(), owner);
    }

    static String applicability(ControlState s) {
        String answer = s.applicable() == null ? "undecided" : s.applicable() ? "applicable" : "excluded";
        return s.reason() == null ? answer : answer + ": " + s.reason();
    }

    private static String implementationSummary(ControlState s, List<String> changed, String previousStatus) {
        ControlImplementation i = s.implementation();
        List<String> parts = new ArrayList<>();
        if (changed.contains("status")) {
            parts.add("status " + previousStatus + " → " + i.status);
        }
        if (changed.contains("owner")) {
            parts.add("owner " + (i.owner == null ? "none" : i.owner));
        }
        if (changed.contains("dueDate")) {
            parts.add("due " + (i.dueDate == null ? "none" : i.dueDate));
        }
        return String.join(", ", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
