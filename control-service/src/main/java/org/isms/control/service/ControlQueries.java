package org.isms.control.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.isms.control.catalog.Catalog;
import org.isms.control.catalog.CatalogControl;
import org.isms.control.catalog.Mapping;
import org.isms.control.catalog.Theme;
import org.isms.control.domain.CallingRisks;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.ControlImplementation;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.Effectiveness;
import org.isms.control.domain.EvidenceSummary;
import org.isms.control.domain.ImplementationStatus;
import org.isms.control.domain.OwnControl;
import org.isms.control.domain.OwnControlMapping;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.control.repository.EvidenceRepository;
import org.isms.control.repository.OwnControlRepository;
import org.isms.control.repository.RiskLinkRepository;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.time.Clocks;

/**
 * Reads of a tenant's controls: the catalog (Annex A's 93 and the tenant's own) joined with the tenant's
 * implementations, the live risks that call for each and their evidence. A tenant's controls are few (93 and its
 * own), so the list is four indexed queries and the filters, sort and page applied in memory.
 */
@ApplicationScoped
public class ControlQueries {
    /** The list's filters; a null one filters nothing. */
    public record Filter(Theme theme, ImplementationStatus status, Boolean applicable, Effectiveness effectiveness,
            String owner, String attribute, String q, Boolean calledForByRisk, Boolean missingEvidence,
            Boolean evidenceExpired) {
    }

    private final Catalog catalog;
    private final ControlImplementationRepository implementations;
    private final OwnControlRepository own;
    private final RiskLinkRepository risks;
    private final ControlChangeRepository changes;
    private final EvidenceRepository evidence;
    private final Clock clock;

    public ControlQueries(Catalog catalog, ControlImplementationRepository implementations, OwnControlRepository own,
            RiskLinkRepository risks, ControlChangeRepository changes, EvidenceRepository evidence, Clock clock) {
        this.catalog = catalog;
        this.implementations = implementations;
        this.own = own;
        this.risks = risks;
        this.changes = changes;
        this.evidence = evidence;
        this.clock = clock;
    }

    /**
     * Every control of the tenant, Annex A's in order then its own, as the SoA states them, each naming the first
     * {@link CallingRisks#NAMED} risks that call for it.
     */
    @WithSession
    public Uni<List<ControlState>> all(String tenant) {
        return all(tenant, CallingRisks.NAMED);
    }

    /** Every control of the tenant, each naming up to {@code named} of the risks that call for it. */
    Uni<List<ControlState>> all(String tenant, int named) {
        return own.listTenant(tenant).chain(owned -> implementations.listTenant(tenant).chain(impls -> risks
                .perControl(tenant, named).chain(calling -> evidence.summaries(tenant, Clocks.today(clock))
                        .map(proofs -> states(tenant, owned, impls, calling, proofs)))));
    }

    @WithSession
    public Uni<Page<ControlState>> list(String tenant, Filter filter, PageRequest page) {
        return all(tenant).map(states -> {
            List<ControlState> matching = states.stream().filter(predicate(filter)).sorted(order(page)).toList();
            int from = (int) Math.min(matching.size(), (long) page.page() * page.size());
            int to = Math.min(matching.size(), from + page.size());
            return Page.of(new ArrayList<>(matching.subList(from, to)), page, matching.size());
        });
    }

    /** One control of the tenant; 404 when neither Annex A nor the tenant has it. */
    @WithSession
    public Uni<ControlState> get(String tenant, String controlId) {
        return state(tenant, controlId);
    }

    /** Inside the caller's session: Annex A's control of this id, or the tenant's own; null when neither has it. */
    Uni<CatalogControl> control(String tenant, String controlId) {
        CatalogControl annex = catalog.control(controlId);
        return annex != null ? Uni.createFrom().item(annex)
                : own.find(tenant, controlId).map(o -> o == null ? null : o.toCatalog());
    }

    /** Inside the caller's session or transaction: the control's state now. */
    Uni<ControlState> state(String tenant, String controlId) {
        return control(tenant, controlId).chain(c -> {
            if (c == null) {
                return Uni.createFrom().failure(new ResourceNotFoundException("control", controlId));
            }
            return implementations.findOrBlank(tenant, c.id()).chain(i -> risks.callingRisks(tenant, c.id())
                    .chain(r -> evidence.summary(tenant, c.id(), Clocks.today(clock))
                            .map(e -> new ControlState(c, i, r, e))));
        });
    }

    /** The control's mappings onto the catalog's frameworks (Annex A's from the catalog, an own control's its own). */
    @WithSession
    public Uni<List<Mapping>> mappings(String tenant, String controlId) {
        return state(tenant, controlId).chain(s -> s.control().own()
                ? own.mappingsOf(tenant, controlId).map(l -> l.stream().map(OwnControlMapping::toMapping).toList())
                : Uni.createFrom().item(catalog.mappingsOf(controlId)));
    }

    /** The control's history, oldest first (the latest 500). */
    @WithSession
    public Uni<List<ControlChange>> history(String tenant, String controlId) {
        return control(tenant, controlId).chain(c -> {
            if (c == null) {
                return Uni.createFrom().failure(new ResourceNotFoundException("control", controlId));
            }
            return changes.history(tenant, controlId, 500);
        });
    }

    private List<ControlState> states(String tenant, List<OwnControl> owned, List<ControlImplementation> impls,
            Map<String, CallingRisks> calling, Map<String, EvidenceSummary> proofs) {
        Map<String, ControlImplementation> byId = impls.stream()
                .collect(Collectors.toMap(i -> i.controlId, Function.identity()));
        List<CatalogControl> controls = new ArrayList<>(catalog.controls());
        owned.forEach(o -> controls.add(o.toCatalog()));
        return controls.stream().map(c -> new ControlState(c,
                byId.getOrDefault(c.id(), ControlImplementation.blank(tenant, c.id())),
                calling.getOrDefault(c.id(), CallingRisks.NONE), proofs.get(c.id()))).toList();
    }

    static Predicate<ControlState> predicate(Filter f) {
        Predicate<ControlState> p = s -> true;
        if (f.theme() != null) {
            p = p.and(s -> s.control().theme() == f.theme());
        }
        if (f.status() != null) {
            p = p.and(s -> s.implementation().status == f.status());
        }
        if (f.applicable() != null) {
            p = p.and(s -> f.applicable().equals(s.applicable()));
        }
        if (f.effectiveness() != null) {
            p = p.and(s -> s.implementation().effectiveness == f.effectiveness());
        }
        if (f.owner() != null && !f.owner().isBlank()) {
            String owner = f.owner().strip().toLowerCase(Locale.ROOT);
            p = p.and(s -> owner.equalsIgnoreCase(s.implementation().owner));
        }
        if (f.attribute() != null && !f.attribute().isBlank()) {
            String attribute = f.attribute().strip().toUpperCase(Locale.ROOT);
            p = p.and(s -> s.control().attributes().has(attribute));
        }
        if (f.q() != null && !f.q().isBlank()) {
            String q = f.q().strip().toLowerCase(Locale.ROOT);
            p = p.and(s -> s.control().id().toLowerCase(Locale.ROOT).equals(q)
                    || s.control().title().toLowerCase(Locale.ROOT).contains(q)
                    || s.control().purpose().toLowerCase(Locale.ROOT).contains(q));
        }
        if (f.calledForByRisk() != null) {
            p = p.and(s -> f.calledForByRisk() == !s.calledFor().isEmpty());
        }
        if (f.missingEvidence() != null) {
            p = p.and(s -> f.missingEvidence() == s.missingEvidence());
        }
        if (f.evidenceExpired() != null) {
            p = p.and(s -> f.evidenceExpired() == s.evidence().lost());
        }
        return p;
    }

    /** Annex A's order for {@code id} (5.2 before 5.10), the other sortable fields as text or enum order. */
    static Comparator<ControlState> order(PageRequest page) {
        Comparator<ControlState> byId = Comparator.comparing(s -> ControlIds.sortKey(s.control().id()));
        Comparator<ControlState> c = switch (page.sortField()) {
            case "title" -> Comparator.comparing(s -> s.control().title().toLowerCase(Locale.ROOT));
            case "theme" -> Comparator.comparing(s -> s.control().theme());
            case "status" -> Comparator.comparing(s -> s.implementation().status);
            case "effectiveness" -> Comparator.comparing(s -> s.implementation().effectiveness);
            case "dueDate" -> Comparator.comparing(s -> s.implementation().dueDate,
                    Comparator.nullsLast(Comparator.naturalOrder()));
            default -> byId;
        };
        if (page.descending()) {
            c = c.reversed();
        }
        return c.thenComparing(byId);
    }
}
