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
import org.isms.control.catalog.Attributes;
import org.isms.control.catalog.Catalog;
import org.isms.control.catalog.Framework;
import org.isms.control.catalog.Relationship;
import org.isms.control.catalog.Theme;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.ControlImplementation;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.Effectiveness;
import org.isms.control.domain.ImplementationStatus;
import org.isms.control.domain.OwnControl;
import org.isms.control.domain.OwnControlMapping;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.control.repository.OwnControlRepository;
import org.isms.events.control.ControlAdded;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.http.Preconditions;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * Changes of one control of a tenant: its implementation and applicability (security officers and admins decide
 * everything; the control's owner, a risk owner, moves its status and due date), effectiveness assessments
 * (auditors, never of a control they own) and the tenant's own controls. Every write of a tenant's SoA holds the
 * tenant's SoA lock, as the risk events that change it do, so an exclusion and a risk calling for the control
 * never both commit.
 */
@ApplicationScoped
public class ControlCommands {
    /** What a user asks of a control's implementation (the PUT body). */
    public record ImplementationRequest(Boolean applicable, String justification, ImplementationStatus status,
            String owner, LocalDate dueDate) {
    }

    /** A control the tenant adds (the POST body, checked here). */
    public record OwnDraft(String id, String title, Theme theme, String purpose, Attributes attributes,
            List<MappingDraft> mappings) {
    }

    public record MappingDraft(String framework, String requirement, String relationship) {
    }

    private final Catalog catalog;
    private final ControlQueries queries;
    private final ControlImplementationRepository implementations;
    private final OwnControlRepository own;
    private final ControlChangeRepository changes;
    private final ControlEvents events;
    private final UserDirectory directory;
    private final Clock clock;

    public ControlCommands(Catalog catalog, ControlQueries queries, ControlImplementationRepository implementations,
            OwnControlRepository own, ControlChangeRepository changes, ControlEvents events, UserDirectory directory,
            Clock clock) {
        this.catalog = catalog;
        this.queries = queries;
        this.implementations = implementations;
        this.own = own;
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

    /** Adds a control of the tenant's own, with its mappings (security officers and admins). */
    @WithTransaction
    public Uni<ControlState> addOwn(Caller by, OwnDraft d) {
        List<OwnControlMapping> mappings = requireValid(by.tenant(), d);
        return implementations.lockTenant(ControlImplementationRepository.SOA, by.tenant())
                .chain(() -> own.find(by.tenant(), d.id()))
                .chain(existing -> {
                    if (existing != null) {
                        throw new ConflictException("the tenant has a control " + d.id() + " already");
                    }
                    OwnControl c = new OwnControl();
                    c.tenantId = by.tenant();
                    c.controlId = d.id();
                    c.title = d.title().strip();
                    c.theme = d.theme();
                    c.purpose = d.purpose().strip();
                    Attributes a = d.attributes();
                    c.controlTypes = a.controlTypes().toArray(String[]::new);
                    c.properties = a.properties().toArray(String[]::new);
                    c.concepts = a.concepts().toArray(String[]::new);
                    c.capabilities = a.capabilities().toArray(String[]::new);
                    c.domains = a.domains().toArray(String[]::new);
                    OffsetDateTime now = Clocks.now(clock);
                    c.markCreated(by, now);
                    // read back: risks may name the id already (their links are kept whatever they name)
                    return own.persist(c).chain(() -> own.persistMappings(mappings)).chain(() -> own.flush())
                            .chain(() -> queries.state(by.tenant(), d.id()))
                            .call(state -> changes.persist(ControlChange.of(by.tenant(), d.id(), ControlChange.Kind.ADDED,
                                    "added to the tenant's catalog with " + mappings.size() + " mapping(s)", by.name(),
                                    by.id(), now)))
                            .call(state -> events.added(by.tenant(), state, mappings.stream().map(m -> new ControlAdded
                                    .Mapping(m.framework, m.requirement, m.relationship.wire())).toList(), by));
                });
    }

    /** 400 naming every fault of an own control's draft; its mappings, checked against the catalog's frameworks. */
    List<OwnControlMapping> requireValid(String tenant, OwnDraft d) {
        List<FieldError> faults = new ArrayList<>();
        if (!ControlIds.validOwn(d.id())) {
            faults.add(new FieldError("id", "an own control's id is 2 to 20 letters, digits, '.', '-' or '_', starting"
                    + " with a letter, and not an ISO/IEC 27001 control number (Annex A's are 5.1–8.34)", null));
        }
        if (d.attributes() != null) {
            d.attributes().byName().forEach((name, values) -> values.forEach(v -> {
                if (!Attributes.VALUES.get(name).contains(v)) {
                    faults.add(new FieldError("attributes." + name, "'" + v + "' is not one of "
                            + Attributes.VALUES.get(name), null));
                }
            }));
        }
        List<OwnControlMapping> mappings = new ArrayList<>();
        List<MappingDraft> drafts = d.mappings() == null ? List.of() : d.mappings();
        for (int k = 0; k < drafts.size(); k++) {
            MappingDraft m = drafts.get(k);
            Framework f = m == null ? null : catalog.framework(m.framework());
            Relationship rel = m == null ? null : Relationship.parse(m.relationship());
            if (f == null) {
                faults.add(new FieldError("mappings[" + k + "].framework", "must be one of " + Catalog.FRAMEWORKS, null));
            } else if (!f.requirementsById().containsKey(m.requirement())) {
                faults.add(new FieldError("mappings[" + k + "].requirement", "'" + m.requirement() + "' is not a"
                        + " requirement of " + f.name(), null));
            } else if (rel == null) {
                faults.add(new FieldError("mappings[" + k + "].relationship", "must be equal, subset, superset or"
                        + " intersects", null));
            } else if (mappings.stream().anyMatch(x -> x.framework.equals(f.key()) && x.requirement.equals(m.requirement()))) {
                faults.add(new FieldError("mappings[" + k + "]", "maps " + m.requirement() + " twice", null));
            } else {
                OwnControlMapping o = new OwnControlMapping();
                o.tenantId = tenant;
                o.controlId = d.id();
                o.framework = f.key();
                o.requirement = m.requirement();
                o.relationship = rel;
                mappings.add(o);
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the control is not valid: " + faults.get(0).field() + " "
                    + faults.get(0).message(), faults);
        }
        return mappings;
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
