package org.isms.incident.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.events.EventEnvelope;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.IncidentStatus;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.Severity;
import org.isms.incident.messaging.IncidentEvents;
import org.isms.incident.repository.IncidentRepository;
import org.isms.incident.repository.IntakeStatements;
import org.isms.incident.repository.IntakeStatements.Escalation;
import org.isms.incident.service.AlertIntake.Received;

/**
 * What a batch's correlation groups do to incidents, inside the intake's transaction: the groups that proposed a new
 * incident and got alerts open it (the tenant's next numbers, an {@code opened} event); those that joined one update
 * it (count, times, assets, severity, priority: one row per incident) and escalate it when they raised or widened it;
 * proposals left without an alert (all of it raced by another instance) forget their key.
 */
@ApplicationScoped
public class IncidentOpening {
    private final IntakeStatements statements;
    private final IncidentRepository incidents;
    private final IncidentEvents events;

    public IncidentOpening(IntakeStatements statements, IncidentRepository incidents, IncidentEvents events) {
        this.statements = statements;
        this.incidents = incidents;
        this.events = events;
    }

    /** Opens the new incidents, updates the joined ones, forgets keys whose proposed incident got no alert. */
    public Uni<Void> apply(java.util.Collection<CorrelationGroup> groups, List<Received> batch, OffsetDateTime now) {
        List<CorrelationGroup> opening = groups.stream().filter(g -> g.opened() && g.inserted > 0).toList();
        List<CorrelationGroup> joining = groups.stream().filter(g -> !g.opened() && g.inserted > 0).toList();
        ArrayNode unused = IntakeRows.array();
        groups.stream().filter(g -> g.opened() && g.inserted == 0).forEach(g -> unused.add(g.proposed.toString()));
        Map<String, List<CorrelationGroup>> byTenant = opening.stream()
                .collect(Collectors.groupingBy(g -> g.tenant, TreeMap::new, Collectors.toList()));
        Uni<Void> numbered = Uni.createFrom().voidItem();
        ArrayNode incidentRows = IntakeRows.array();
        ArrayNode timeline = IntakeRows.array();
        for (Map.Entry<String, List<CorrelationGroup>> t : byTenant.entrySet()) {
            numbered = numbered.chain(() -> statements.allocateNumbers(t.getKey(), t.getValue().size()).invoke(last -> {
                long number = last - t.getValue().size();
                for (CorrelationGroup g : t.getValue()) {
                    number++;
                    NormalizedAlert a = batch.get(g.members.get(0)).alert();
                    String title = a.ruleName() + (g.assetNames.isEmpty() ? "" : " on " + String.join(", ",
                            g.assetNames.subList(0, Math.min(3, g.assetNames.size()))));
                    g.opened = written(g, number, title, a, now);
                    incidentRows.add(IntakeRows.incidentRow(g.opened));
                    timeline.add(IntakeRows.change(g.tenant, g.incident, now, "OPENED", "opened by " + g.inserted + " alert(s) of "
                            + a.sourceSystem() + " rule " + a.ruleKey() + ", " + g.severity + ", " + g.priority
                            + (g.assets.isEmpty() ? ", no asset matched" : "")));
                }
            })).replaceWithVoid();
        }
        // one row per incident: two keys may lead to one (after a merge), and an UPDATE … FROM applies one row only
        ArrayNode joinRows = IntakeRows.array();
        Map<UUID, List<CorrelationGroup>> byIncident = joining.stream()
                .collect(Collectors.groupingBy(g -> g.incident, TreeMap::new, Collectors.toList()));
        byIncident.forEach((incident, gs) -> {
            Set<UUID> assets = new LinkedHashSet<>();
            gs.forEach(g -> assets.addAll(g.assets));
            joinRows.addObject().put("id", incident.toString()).put("tenant", gs.get(0).tenant)
                    .put("n", gs.stream().mapToInt(g -> g.inserted).sum())
                    .put("first_seen", IntakeRows.time(gs.stream().map(g -> g.first).min(Comparator.naturalOrder()).orElseThrow()))
                    .put("last_seen", IntakeRows.time(gs.stream().map(g -> g.last).max(Comparator.naturalOrder()).orElseThrow()))
                    .put("severity", gs.stream().map(g -> g.severity).reduce(Severity::max).orElseThrow().name())
                    .put("priority", gs.stream().map(g -> g.priority).reduce(Priority::highest).orElseThrow().name())
                    .put("personal_data", gs.stream().anyMatch(g -> g.personalData))
                    .set("asset_ids", IntakeRows.uuids(assets));
        });
        return numbered
                .chain(() -> statements.insertIncidents(incidentRows))
                .chain(() -> statements.joinIncidents(joinRows))
                .chain(escalations -> statements.release(unused).chain(() -> announce(opening, escalations,
                        joining, timeline, now)));
    }

    /** The opened and escalated events, with the timeline entries. */
    private Uni<Void> announce(List<CorrelationGroup> opening, List<Escalation> escalations, List<CorrelationGroup> joining,
            ArrayNode timeline, OffsetDateTime now) {
        List<EventEnvelope> out = new ArrayList<>();
        for (CorrelationGroup g : opening) {
            out.add(events.opened(g.opened, g.openingAlert, null));
        }
        Map<UUID, Escalation> escalated = new HashMap<>();
        escalations.forEach(e -> escalated.put(e.incidentId(), e));
        Map<UUID, Integer> joinedBy = new HashMap<>();
        joining.forEach(g -> joinedBy.merge(g.incident, g.inserted, Integer::sum));
        if (escalated.isEmpty()) {
            return statements.timeline(timeline).chain(() -> events.appendAll(out));
        }
        return incidents.findAll(escalated.keySet()).chain(found -> incidents.regimesOf(escalated.keySet()).chain(regimes -> {
            for (Incident i : found.stream().sorted(Comparator.comparing((Incident x) -> x.number)).toList()) {
                Escalation e = escalated.get(i.id);
                List<String> changed = new ArrayList<>();
                if (!e.previousPriority().equals(i.priority.name())) {
                    changed.add("priority");
                }
                if (!e.previousSeverity().equals(i.severity.name())) {
                    changed.add("severity");
                }
                int by = joinedBy.getOrDefault(i.id, 0);
                if (e.widened()) {
                    changed.add("assets");
                }
                String reason = by + " alert(s) joined: " + (changed.contains("priority")
                        ? "priority " + e.previousPriority() + "→" + i.priority + " " : "")
                        + (changed.contains("severity") ? "severity " + e.previousSeverity() + "→" + i.severity + " "
                                : "")
                        + (changed.contains("assets") ? "hit more assets" : "").strip();
                timeline.add(IntakeRows.change(i.tenantId, i.id, now, "ESCALATED", reason.strip()));
                out.add(events.escalated(i, regimes.getOrDefault(i.id, List.of()), e.previousPriority(),
                        e.previousSeverity(), changed, reason.strip(), null));
            }
            return statements.timeline(timeline).chain(() -> events.appendAll(out));
        }));
    }

    /** The new incident: written by the intake's INSERT, and the snapshot of its {@code opened} event (not read back). */
    private static Incident written(CorrelationGroup g, long number, String title, NormalizedAlert a, OffsetDateTime now) {
        Incident i = new Incident();
        i.id = g.incident;
        i.tenantId = g.tenant;
        i.number = number;
        i.title = title.length() > 500 ? title.substring(0, 500) : title;
        i.status = IncidentStatus.NEW;
        i.severity = g.severity;
        i.priority = g.priority;
        i.ciaHit = new String[0];
        i.personalData = g.personalData;
        i.correlationKey = g.key;
        i.sourceSystem = a.sourceSystem();
        i.ruleId = a.ruleKey();
        i.alertCount = g.inserted;
        i.firstSeen = g.first;
        i.lastSeen = g.last;
        i.assetIds = g.assets.toArray(UUID[]::new);
        i.riskIds = new UUID[0];
        i.openedAt = now;
        i.createdAt = now;
        i.updatedAt = now;
        return i;
    }
}
