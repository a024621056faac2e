package org.isms.incident.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.isms.events.EventEnvelope;
import org.isms.events.EventTypes;
import org.isms.incident.config.ClocksConfig;
import org.isms.incident.domain.Deadlines;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.IncidentChange;
import org.isms.incident.domain.IncidentReport;
import org.isms.incident.messaging.IncidentEvents;
import org.isms.incident.repository.IncidentChangeRepository;
import org.isms.incident.repository.IncidentRepository;
import org.isms.incident.repository.RegimeRepository;
import org.isms.platform.time.Clocks;

/**
 * Announces regulatory deadlines once each: a report due within the warning (two hours by default) and not submitted
 * is "approaching", one whose deadline passed unmet is "missed". Each run claims the reports owed an announcement
 * ({@code FOR UPDATE SKIP LOCKED}, so instances running it at once never take the same one), marks what it announced,
 * writes a timeline entry and an event. A deadline that passed before its approach was announced is announced
 * missed only.
 */
@ApplicationScoped
public class DeadlineWatch {
    private final RegimeRepository regimes;
    private final IncidentRepository incidents;
    private final IncidentChangeRepository changes;
    private final IncidentEvents events;
    private final Regimes config;
    private final ClocksConfig clocks;
    private final Clock clock;

    public DeadlineWatch(RegimeRepository regimes, IncidentRepository incidents, IncidentChangeRepository changes,
            IncidentEvents events, Regimes config, ClocksConfig clocks, Clock clock) {
        this.regimes = regimes;
        this.incidents = incidents;
        this.changes = changes;
        this.events = events;
        this.config = config;
        this.clocks = clocks;
        this.clock = clock;
    }

    /** One batch of announcements; how many reports it announced. */
    @WithTransaction
    public Uni<Integer> announce() {
        OffsetDateTime now = Clocks.now(clock);
        return regimes.claim(now, now.plus(clocks.warning()), clocks.batch()).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Set<UUID> ids = claimed.stream().map(r -> r.incidentId).collect(Collectors.toSet());
            return incidents.findAll(ids).chain(found -> incidents.regimesOf(ids).chain(declared -> {
                Map<UUID, Incident> byId = found.stream().collect(Collectors.toMap(i -> i.id, Function.identity()));
                List<EventEnvelope> out = new ArrayList<>();
                List<IncidentChange> entries = new ArrayList<>();
                for (IncidentReport r : claimed) {
                    Incident i = byId.get(r.incidentId);
                    Deadlines.Regime regime = config.find(r.regime);
                    Deadlines.Rule rule = regime == null ? null : regime.report(r.report);
                    String title = rule == null ? r.report : rule.title();
                    boolean missed = !r.dueAt.isAfter(now);
                    String type = missed ? EventTypes.INCIDENT_DEADLINE_MISSED : EventTypes.INCIDENT_DEADLINE_APPROACHING;
                    if (missed) {
                        r.missedAnnounced = true;
                    }
                    r.approachingAnnounced = true;
                    entries.add(IncidentChange.of(i, IncidentChange.Kind.DEADLINE, r.regime + " " + r.report + " ("
                            + title + ") " + (missed ? "missed: was due " : "due soon: ") + r.dueAt, null, null, now));
                    out.add(events.deadline(type, i, declared.getOrDefault(i.id, List.of()), r.regime, r.report, title,
                            r.dueAt));
                }
                return changes.persist(entries).chain(() -> regimes.flush()).chain(() -> events.appendAll(out))
                        .replaceWith(claimed.size());
            }));
        });
    }
}
