package org.isms.control.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.RiskLink;
import org.isms.control.domain.RiskRef;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.control.repository.RiskLinkRepository;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.events.MalformedEventException;
import org.isms.events.risk.RiskSnapshot;

/**
 * Applies risk events to the risks' links to controls, inside the inbox's transaction, and announces each control
 * whose list of calling risks the event changed ({@code applicability-changed}, naming the risk event as its cause).
 * Every risk event carries the risk's state after the change, so each is applied the same way: the risk's title,
 * status and plan controls replace what was kept, unless the event is older than what is kept (a replayed dead
 * letter). An event that changes what the risk calls for holds the tenant's SoA lock, as a user's exclusion does,
 * so the two never cross.
 */
@ApplicationScoped
public class RiskLinks {
    private static final Set<String> TYPES = Set.of(EventTypes.RISK_IDENTIFIED, EventTypes.RISK_UPDATED,
            EventTypes.RISK_ASSESSED, EventTypes.RISK_TREATMENT_PLANNED, EventTypes.RISK_ACCEPTED,
            EventTypes.RISK_ACCEPTANCE_VOIDED, EventTypes.RISK_ACCEPTANCE_EXPIRED, EventTypes.RISK_REVIEW_REQUIRED,
            EventTypes.RISK_REVIEWED, EventTypes.RISK_CLOSED, EventTypes.RISK_DELETED);

    /** What every risk event's data has: the risk after the change. */
    record WithRisk(RiskSnapshot risk) {
    }

    private final RiskLinkRepository links;
    private final ControlImplementationRepository implementations;
    private final ControlQueries queries;
    private final ControlChangeRepository changes;
    private final ControlEvents events;

    public RiskLinks(RiskLinkRepository links, ControlImplementationRepository implementations, ControlQueries queries,
            ControlChangeRepository changes, ControlEvents events) {
        this.links = links;
        this.implementations = implementations;
        this.queries = queries;
        this.changes = changes;
        this.events = events;
    }

    public boolean handles(String type) {
        return TYPES.contains(type);
    }

    public Uni<Void> apply(EventEnvelope event) {
        RiskSnapshot r = read(event);
        String tenant = event.tenant();
        // one risk's events come in order (its partition): what it calls for now is read before the lock, which
        // only a change of what it calls for needs (an exclusion of those controls must not pass meanwhile)
        return links.find(tenant, r.riskId())
                .chain(existing -> {
                    if (existing != null && (existing.riskVersion > r.version() || existing.deleted)) {
                        return Uni.createFrom().voidItem(); // older than what is kept, or after the end
                    }
                    List<String> before = existing == null ? List.of() : existing.callsFor();
                    boolean deleted = EventTypes.RISK_DELETED.equals(event.type());
                    List<String> callsFor = deleted || "CLOSED".equals(r.status()) || r.controlIds() == null ? List.of()
                            : r.controlIds().stream().distinct().toList();
                    Uni<Void> lock = before.equals(callsFor) ? Uni.createFrom().voidItem()
                            : implementations.lockTenant(ControlImplementationRepository.SOA, tenant);
                    return lock.chain(() -> store(event, r, existing, before));
                });
    }

    /** Writes what the event says of the risk, then announces the controls it started or stopped calling for. */
    private Uni<Void> store(EventEnvelope event, RiskSnapshot r, RiskLink existing, List<String> before) {
        RiskLink link = existing == null ? new RiskLink() : existing;
        link.tenantId = event.tenant();
        link.riskId = r.riskId();
        link.title = r.title();
        link.status = r.status();
        link.controlIds = r.controlIds() == null ? new String[0] : r.controlIds().stream().distinct().toArray(String[]::new);
        link.deleted = EventTypes.RISK_DELETED.equals(event.type());
        link.riskVersion = r.version();
        link.lastEventId = event.id();
        link.lastEventAt = event.time();
        List<String> after = link.callsFor();
        Uni<?> stored = existing == null ? links.persist(link) : Uni.createFrom().item(link);
        return stored.chain(() -> links.flush()).chain(() -> announce(event, link, before, after));
    }

    /** One applicability event per control the risk started or stopped calling for. */
    private Uni<Void> announce(EventEnvelope event, RiskLink link, List<String> before, List<String> after) {
        Set<String> moved = new LinkedHashSet<>();
        after.stream().filter(c -> !before.contains(c)).forEach(moved::add);
        before.stream().filter(c -> !after.contains(c)).forEach(moved::add);
        // a plan may name a control that is neither Annex A's nor the tenant's own: nothing is said of it
        return Multi.createFrom().iterable(moved).onItem().transformToUniAndConcatenate(c -> queries
                .control(event.tenant(), c).chain(known -> known == null ? Uni.createFrom().voidItem()
                        : queries.state(event.tenant(), c)
                        .chain(now -> {
                            boolean calls = after.contains(c);
                            List<RiskRef> previous = new ArrayList<>(now.calledFor().named());
                            previous.removeIf(x -> x.id().equals(link.riskId));
                            if (!calls) {
                                previous.add(new RiskRef(link.riskId, link.title));
                            }
                            Boolean was = new ControlState(now.control(), now.implementation(), previous).applicable();
                            String reason = calls ? "risk '" + link.title + "' calls for it"
                                    : "risk '" + link.title + "' no longer calls for it (" + why(event, link) + ")";
                            return changes.persist(ControlChange.of(event.tenant(), c, ControlChange.Kind.CALLED_FOR,
                                    reason, null, null, event.time()))
                                    .chain(() -> events.applicabilityCaused(event.tenant(), now, was, reason, event));
                        })))
                .collect().last().replaceWithVoid();
    }

    private static String why(EventEnvelope event, RiskLink link) {
        if (link.deleted) {
            return "deleted";
        }
        return "CLOSED".equals(link.status) ? "closed" : "its treatment plan changed";
    }

    private static RiskSnapshot read(EventEnvelope event) {
        RiskSnapshot r = event.payload(WithRisk.class).risk();
        if (r == null || r.riskId() == null || r.title() == null || r.status() == null
                || r.controlIds() != null && r.controlIds().stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type()
                    + ") lacks risk.riskId, risk.title or risk.status, or names a blank control", null);
        }
        if (!r.riskId().toString().equals(event.subject())) {
            throw new MalformedEventException("event " + event.id() + " (" + event.type()
                    + ") lacks risk.riskId equal to the subject", null);
        }
        return r;
    }
}
