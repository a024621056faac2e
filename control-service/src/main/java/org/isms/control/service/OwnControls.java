package org.isms.control.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.isms.control.catalog.Attributes;
import org.isms.control.catalog.Catalog;
import org.isms.control.catalog.Framework;
import org.isms.control.catalog.Relationship;
import org.isms.control.catalog.Theme;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.OwnControl;
import org.isms.control.domain.OwnControlMapping;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.control.repository.OwnControlRepository;
import org.isms.events.control.ControlAdded;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The tenant's own controls (security officers and admins): an id outside Annex A's numbering, 27002-style
 * attributes and mappings onto the catalog's frameworks, checked against them.
 */
@ApplicationScoped
public class OwnControls {
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
    private final Clock clock;

    public OwnControls(Catalog catalog, ControlQueries queries, ControlImplementationRepository implementations,
            OwnControlRepository own, ControlChangeRepository changes, ControlEvents events, Clock clock) {
        this.catalog = catalog;
        this.queries = queries;
        this.implementations = implementations;
        this.own = own;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    /** Adds a control of the tenant's own, with its mappings (security officers and admins). */
    @WithTransaction
    public Uni<ControlState> add(Caller by, OwnDraft d) {
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
                    define(c, d);
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

    /**
     * Replaces the definition of a control of the tenant's own (If-Match: its {@code definitionVersion}); Annex A's
     * controls are reference data (409). The control as it is afterwards.
     */
    @WithTransaction
    public Uni<ControlState> change(Caller by, String controlId, long version, OwnDraft d) {
        if (!controlId.equals(d.id())) {
            throw new InvalidInputException("id", "the body names control " + d.id() + ", the path " + controlId
                    + "; an own control's id does not change");
        }
        if (catalog.control(controlId) != null) {
            throw new ConflictException("control " + controlId + " is Annex A's: its definition is reference data;"
                    + " add a control of your own instead");
        }
        List<OwnControlMapping> mappings = requireValid(by.tenant(), d);
        return implementations.lockTenant(ControlImplementationRepository.SOA, by.tenant())
                .chain(() -> own.find(by.tenant(), controlId))
                .chain(c -> {
                    if (c == null) {
                        throw new ResourceNotFoundException("control", controlId);
                    }
                    Preconditions.requireVersion("control " + controlId + "'s definition", c.version, version);
                    return own.mappingsOf(by.tenant(), controlId).chain(before -> {
                        List<String> changed = changes(c, d, before, mappings);
                        if (changed.isEmpty()) {
                            return queries.state(by.tenant(), controlId);
                        }
                        define(c, d);
                        OffsetDateTime now = Clocks.now(clock);
                        c.markUpdated(by, now);
                        return own.replaceMappings(by.tenant(), controlId, mappings).chain(() -> own.flush())
                                .chain(() -> queries.state(by.tenant(), controlId))
                                .call(state -> changes.persist(ControlChange.of(by.tenant(), controlId,
                                        ControlChange.Kind.DEFINITION, "definition changed: " + String.join(", ", changed),
                                        by.name(), by.id(), now)))
                                .call(state -> events.definitionChanged(by.tenant(), state, mappings.stream()
                                        .map(m -> new ControlAdded.Mapping(m.framework, m.requirement,
                                                m.relationship.wire())).toList(), changed, by));
                    });
                });
    }

    private static void define(OwnControl c, OwnDraft d) {
        c.title = d.title().strip();
        c.theme = d.theme();
        c.purpose = d.purpose().strip();
        Attributes a = d.attributes();
        c.controlTypes = a.controlTypes().toArray(String[]::new);
        c.properties = a.properties().toArray(String[]::new);
        c.concepts = a.concepts().toArray(String[]::new);
        c.capabilities = a.capabilities().toArray(String[]::new);
        c.domains = a.domains().toArray(String[]::new);
    }

    /** The parts of the definition the draft changes. */
    private static List<String> changes(OwnControl c, OwnDraft d, List<OwnControlMapping> before,
            List<OwnControlMapping> after) {
        List<String> changed = new ArrayList<>();
        if (!c.title.equals(d.title().strip())) {
            changed.add("title");
        }
        if (c.theme != d.theme()) {
            changed.add("theme");
        }
        if (!c.purpose.equals(d.purpose().strip())) {
            changed.add("purpose");
        }
        if (!c.toCatalog().attributes().equals(d.attributes())) {
            changed.add("attributes");
        }
        java.util.Set<String> was = new java.util.HashSet<>();
        before.forEach(m -> was.add(m.framework + "|" + m.requirement + "|" + m.relationship));
        java.util.Set<String> now = new java.util.HashSet<>();
        after.forEach(m -> now.add(m.framework + "|" + m.requirement + "|" + m.relationship));
        if (!was.equals(now)) {
            changed.add("mappings");
        }
        return changed;
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
}
