package org.isms.incident.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.isms.incident.config.IntakeConfig;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.IncidentChange;
import org.isms.incident.domain.IncidentStatus;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.PriorityMatrix;
import org.isms.incident.domain.Severity;
import org.isms.incident.messaging.IncidentEvents;
import org.isms.incident.repository.AlertRepository;
import org.isms.incident.repository.AssetProjectionRepository;
import org.isms.incident.repository.IncidentChangeRepository;
import org.isms.incident.repository.IncidentRepository;
import org.isms.incident.repository.IntakeStatements;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * What responders do to incidents: open one by hand, edit it, move it through its phases, assign, escalate, comment,
 * merge two, link alerts and risks. Each change is a timeline entry and an event, in the change's transaction.
 */
@ApplicationScoped
public class IncidentCommands {
    private static final Set<String> CIA = Set.of("C", "I", "A");

    private final IncidentQueries queries;
    private final IncidentRepository incidents;
    private final IncidentChangeRepository changes;
    private final AlertRepository alerts;
    private final AssetProjectionRepository assets;
    private final IntakeStatements statements;
    private final IncidentEvents events;
    private final org.isms.incident.repository.RegimeRepository declarations;
    private final PriorityMatrix matrix;
    private final Clock clock;

    public IncidentCommands(IncidentQueries queries, IncidentRepository incidents, IncidentChangeRepository changes,
            AlertRepository alerts, AssetProjectionRepository assets, IntakeStatements statements,
            IncidentEvents events, org.isms.incident.repository.RegimeRepository regimes, IntakeConfig config,
            Clock clock) {
        this.queries = queries;
        this.incidents = incidents;
        this.changes = changes;
        this.alerts = alerts;
        this.assets = assets;
        this.statements = statements;
        this.events = events;
        this.declarations = regimes;
        this.matrix = PriorityMatrix.of(config.priority(), config.unmatchedCriticality());
        this.clock = clock;
    }

    /** An incident reported by a person (a phone call, an e-mail) rather than a SIEM. */
    public record Draft(String title, String description, Severity severity, String category, List<UUID> assetIds,
            List<String> ciaHit, Boolean personalData) {
    }

    /** What a PUT replaces. */
    public record Edit(String title, String description, String category, Boolean personalData) {
    }

    /** What an escalation raises or adds: at least one of them must make the incident more urgent or wider. */
    public record Escalation(Priority priority, Severity severity, List<UUID> assetIds, List<String> ciaHit,
            String reason) {
    }

    @WithTransaction
    public Uni<Incident> open(Caller by, Draft d) {
        List<UUID> ids = d.assetIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.assetIds()));
        List<String> cia = cia(d.ciaHit());
        return assets.criticalities(by.tenant(), ids).chain(found -> {
            List<UUID> unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw new InvalidInputException("assetIds", "no such assets: " + unknown);
            }
            int criticality = found.values().stream().mapToInt(AssetProjectionRepository.Rating::criticality).max()
                    .orElse(0);
            boolean personal = d.personalData() != null ? d.personalData()
                    : found.values().stream().anyMatch(AssetProjectionRepository.Rating::personalData);
            return statements.allocateNumbers(by.tenant(), 1).chain(number -> {
                OffsetDateTime now = Clocks.now(clock);
                Incident i = new Incident();
                i.id = UUID.randomUUID();
                i.tenantId = by.tenant();
                i.number = number;
                i.title = d.title().strip();
                i.description = d.description();
                i.status = IncidentStatus.NEW;
                i.severity = d.severity();
                i.priority = matrix.priority(d.severity(), criticality);
                i.category = d.category();
                i.ciaHit = cia.toArray(String[]::new);
                i.personalData = personal;
                i.assetIds = ids.toArray(UUID[]::new);
                i.riskIds = new UUID[0];
                i.openedAt = now;
                i.markCreated(by, now);
                return incidents.persist(i).chain(() -> record(i, IncidentChange.Kind.OPENED, "opened by hand: "
                        + i.severity + ", " + i.priority, by))
                        .chain(() -> incidents.flush())
                        .chain(() -> events.append(events.opened(i, null, by))).replaceWith(i);
            });
        });
    }

    @WithTransaction
    public Uni<Incident> edit(Caller by, UUID id, long version, Edit e) {
        return queries.find(by.tenant(), id).chain(i -> {
            Preconditions.requireVersion("incident", i.version, version);
            List<String> changed = new ArrayList<>();
            if (e.title() != null && !e.title().strip().equals(i.title)) {
                i.title = e.title().strip();
                changed.add("title");
            }
            if (!java.util.Objects.equals(e.description(), i.description)) {
                i.description = e.description();
                changed.add("description");
            }
            if (!java.util.Objects.equals(e.category(), i.category)) {
                i.category = e.category();
                changed.add("category");
            }
            if (e.personalData() != null && e.personalData() != i.personalData) {
                i.personalData = e.personalData();
                changed.add("personalData");
            }
            if (changed.isEmpty()) {
                return Uni.createFrom().item(i);
            }
            return updated(i, by, IncidentChange.Kind.EDITED, "changed " + String.join(", ", changed), changed, null);
        });
    }

    @WithTransaction
    public Uni<Incident> move(Caller by, UUID id, Long version, IncidentStatus to, String lessons, String note) {
        return queries.find(by.tenant(), id).chain(i -> {
            if (version != null) {
                Preconditions.requireVersion("incident", i.version, version);
            }
            IncidentStatus from = i.status;
            i.moveTo(to, lessons, Clocks.now(clock));
            i.markUpdated(by, Clocks.now(clock));
            String summary = from + " → " + to + (note == null || note.isBlank() ? "" : ": " + note.strip());
            Uni<Void> released = to.isFinal() ? release(i) : Uni.createFrom().voidItem();
            return released.chain(() -> record(i, IncidentChange.Kind.STATUS, summary, by))
                    .chain(() -> incidents.flush()).chain(() -> regimes(i))
                    .chain(r -> to == IncidentStatus.CLOSED ? events.closed(i, r, from.name(), by)
                            : events.statusChanged(i, r, from.name(), by))
                    .replaceWith(i);
        });
    }

    @WithTransaction
    public Uni<Incident> assign(Caller by, UUID id, String assignee) {
        return queries.find(by.tenant(), id).chain(i -> {
            i.requireOpen("assign");
            String a = assignee == null || assignee.isBlank() ? null : assignee.strip();
            if (java.util.Objects.equals(a, i.assignee)) {
                return Uni.createFrom().item(i);
            }
            i.assignee = a;
            return updated(i, by, IncidentChange.Kind.ASSIGNED, a == null ? "unassigned" : "assigned to " + a,
                    List.of("assignee"), a);
        });
    }

    /**
     * Raises the priority or severity, or adds assets or CIA properties hit; anything that lowers or repeats is
     * refused: an escalation makes the incident more urgent or wider (risk-service flags the new assets' risks).
     */
    @WithTransaction
    public Uni<Incident> escalate(Caller by, UUID id, Escalation e) {
        return queries.find(by.tenant(), id).chain(i -> {
            i.requireOpen("escalate");
            String previousPriority = i.priority.name();
            String previousSeverity = i.severity.name();
            List<String> changed = new ArrayList<>();
            if (e.priority() != null) {
                if (!e.priority().higherThan(i.priority)) {
                    throw new InvalidInputException("priority", "an escalation raises the priority: "
                            + e.priority() + " is not above " + i.priority);
                }
                i.priority = e.priority();
                changed.add("priority");
            }
            if (e.severity() != null) {
                if (!e.severity().atLeast(i.severity) || e.severity() == i.severity) {
                    throw new InvalidInputException("severity", "an escalation raises the severity: "
                            + e.severity() + " is not above " + i.severity);
                }
                i.severity = e.severity();
                changed.add("severity");
            }
            Set<String> cia = new LinkedHashSet<>(Arrays.asList(i.ciaHit == null ? new String[0] : i.ciaHit));
            if (cia.addAll(cia(e.ciaHit()))) {
                i.ciaHit = List.of("C", "I", "A").stream().filter(cia::contains).toArray(String[]::new);
                changed.add("ciaHit");
            }
            List<UUID> added = e.assetIds() == null ? List.of() : e.assetIds().stream().distinct()
                    .filter(a -> !Arrays.asList(i.assetIds).contains(a)).toList();
            return assets.criticalities(i.tenantId, added).chain(found -> {
                List<UUID> unknown = added.stream().filter(a -> !found.containsKey(a)).toList();
                if (!unknown.isEmpty()) {
                    throw new InvalidInputException("assetIds", "no such assets: " + unknown);
                }
                if (!added.isEmpty()) {
                    changed.add("assets");
                }
                if (changed.isEmpty()) {
                    throw new InvalidInputException("priority", "an escalation raises the priority or severity, or"
                            + " adds assets or CIA properties hit; this changes nothing");
                }
                String reason = e.reason() == null || e.reason().isBlank() ? "escalated by " + by.name()
                        : e.reason().strip();
                OffsetDateTime now = Clocks.now(clock);
                i.markUpdated(by, now);
                return incidents.flush()
                        .chain(() -> added.isEmpty() ? Uni.createFrom().voidItem()
                                : assets.addToIncident(i.tenantId, i.id, added))
                        .chain(() -> incidents.getSession().chain(s -> s.refresh(i)))
                        .chain(() -> record(i, IncidentChange.Kind.ESCALATED, String.join(", ", changed) + ": " + reason,
                                by))
                        .chain(() -> regimes(i))
                        .chain(r -> events.append(events.escalated(i, r, previousPriority, previousSeverity, changed,
                                reason, by)))
                        .replaceWith(i);
            });
        });
    }

    @WithTransaction
    public Uni<Incident> comment(Caller by, UUID id, String text) {
        return queries.find(by.tenant(), id).chain(i -> updated(i, by, IncidentChange.Kind.COMMENT, text.strip(),
                List.of("comment"), text.strip()));
    }

    /** Merges {@code from} into {@code into}: its alerts, timeline and correlation move over; it becomes MERGED. */
    @WithTransaction
    public Uni<Incident> merge(Caller by, UUID into, UUID from) {
        if (into.equals(from)) {
            throw new InvalidInputException("from", "an incident is not merged into itself");
        }
        return queries.find(by.tenant(), into).chain(target -> queries.find(by.tenant(), from).chain(source -> {
            OffsetDateTime now = Clocks.now(clock);
            String fromStatus = source.status.name();
            source.mergeInto(target, now);
            source.markUpdated(by, now);
            target.markUpdated(by, now);
            if (source.priority.higherThan(target.priority)) {
                target.priority = source.priority;
            }
            target.severity = Severity.max(target.severity, source.severity);
            target.personalData |= source.personalData;
            return incidents.flush()
                    .chain(() -> alerts.move(by.tenant(), source.id, target.id))
                    .chain(() -> statements.merge(by.tenant(), source.id, target.id))
                    .chain(() -> declarations.move(by.tenant(), source.id, target.id))
                    .chain(() -> incidents.getSession().chain(s -> s.refresh(target)))
                    .chain(() -> record(source, IncidentChange.Kind.MERGED, "merged into " + target.handle(), by))
                    .chain(() -> record(target, IncidentChange.Kind.MERGED, source.handle() + " merged into it ("
                            + source.alertCount + " alert(s))", by))
                    .chain(() -> regimes(source)).chain(r -> events.statusChanged(source, r, fromStatus, by))
                    .chain(() -> regimes(target)).chain(r -> events.updated(target, r, List.of("merged"),
                            source.handle() + " merged into it", by))
                    .replaceWith(target);
        }));
    }

    /** Links alerts (unlinked, or of another incident) to the incident by hand. */
    @WithTransaction
    public Uni<Incident> linkAlerts(Caller by, UUID id, List<UUID> alertIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(alertIds));
        return queries.find(by.tenant(), id).chain(i -> {
            i.requireOpen("link alerts to");
            return alerts.findAllInTenant(by.tenant(), ids).chain(found -> {
                Set<UUID> previous = new LinkedHashSet<>();
                found.stream().filter(a -> a.incidentId != null && !a.incidentId.equals(i.id))
                        .forEach(a -> previous.add(a.incidentId));
                if (found.size() != ids.size()) {
                    List<UUID> known = found.stream().map(a -> a.id).toList();
                    throw new InvalidInputException("alertIds", "no such alerts: "
                            + ids.stream().filter(a -> !known.contains(a)).toList());
                }
                return alerts.link(by.tenant(), ids, i.id)
                        .chain(() -> statements.recount(by.tenant(), i.id, null))
                        // the incidents they came from count them no more
                        .chain(() -> io.smallrye.mutiny.Multi.createFrom().iterable(previous)
                                .onItem().transformToUniAndConcatenate(p -> statements.recount(by.tenant(), p, null))
                                .collect().last())
                        .chain(() -> incidents.getSession().chain(s -> s.refresh(i)))
                        .chain(() -> updated(i, by, IncidentChange.Kind.ALERTS_LINKED, ids.size() + " alert(s) linked",
                                List.of("alerts"), null));
            });
        });
    }

    /** Names the risks the incident bears on (risk-service's ids; kept as given, the UI checks them). */
    @WithTransaction
    public Uni<Incident> linkRisks(Caller by, UUID id, List<UUID> riskIds) {
        return queries.find(by.tenant(), id).chain(i -> {
            Set<UUID> all = new LinkedHashSet<>(Arrays.asList(i.riskIds == null ? new UUID[0] : i.riskIds));
            if (!all.addAll(riskIds)) {
                return Uni.createFrom().item(i);
            }
            i.riskIds = all.toArray(UUID[]::new);
            return updated(i, by, IncidentChange.Kind.RISKS_LINKED, "risks linked: " + riskIds, List.of("risks"),
                    null);
        });
    }

    private Uni<Incident> updated(Incident i, Caller by, IncidentChange.Kind kind, String summary, List<String> changed,
            String note) {
        i.markUpdated(by, Clocks.now(clock));
        return record(i, kind, summary, by).chain(() -> incidents.flush()).chain(() -> regimes(i))
                .chain(r -> events.updated(i, r, changed, note, by)).replaceWith(i);
    }

    private Uni<Void> record(Incident i, IncidentChange.Kind kind, String summary, Caller by) {
        return changes.persist(IncidentChange.of(i, kind, summary.length() > 4000 ? summary.substring(0, 4000) : summary,
                by == null ? null : by.name(), by == null ? null : by.id(), Clocks.now(clock))).replaceWithVoid();
    }

    private Uni<List<String>> regimes(Incident i) {
        return incidents.regimesOf(List.of(i.id)).map(m -> m.getOrDefault(i.id, List.of()));
    }

    /** A closed incident no longer takes alerts: the next repeat of its rule opens a new one. */
    private Uni<Void> release(Incident i) {
        return statements.releaseIncident(i.tenantId, i.id);
    }

    private static List<String> cia(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String c = v == null ? null : v.strip().toUpperCase(Locale.ROOT);
            if (c == null || !CIA.contains(c)) {
                throw new InvalidInputException("ciaHit", "'" + v + "' is not C, I or A");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
