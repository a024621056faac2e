package org.isms.incident.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.incident.domain.Deadlines;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.IncidentChange;
import org.isms.incident.domain.IncidentRegime;
import org.isms.incident.domain.IncidentReport;
import org.isms.incident.messaging.IncidentEvents;
import org.isms.incident.repository.IncidentChangeRepository;
import org.isms.incident.repository.IncidentRepository;
import org.isms.incident.repository.RegimeRepository;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.time.Clocks;
import org.isms.platform.tenancy.Caller;

/**
 * Declaring an incident reportable under a regime (NIS2 significant, GDPR personal-data breach, DORA major, …), which
 * starts its clocks, and recording each report's submission (who, when, the authority's reference), which meets its
 * deadline and moves those anchored on it.
 */
@ApplicationScoped
public class RegulatoryClocks {
    private final IncidentQueries queries;
    private final IncidentRepository incidents;
    private final RegimeRepository regimes;
    private final IncidentChangeRepository changes;
    private final IncidentEvents events;
    private final Regimes config;
    private final Clock clock;

    public RegulatoryClocks(IncidentQueries queries, IncidentRepository incidents, RegimeRepository regimes,
            IncidentChangeRepository changes, IncidentEvents events, Regimes config, Clock clock) {
        this.queries = queries;
        this.incidents = incidents;
        this.regimes = regimes;
        this.changes = changes;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Incident> declare(Caller by, UUID id, String regimeName, OffsetDateTime awareAt,
            OffsetDateTime classifiedAt) {
        Deadlines.Regime regime = config.named(regimeName);
        OffsetDateTime now = Clocks.now(clock);
        if (awareAt == null) {
            throw new InvalidInputException("awareAt", "when the organization became aware of the incident is required");
        }
        if (awareAt.isAfter(now)) {
            throw new InvalidInputException("awareAt", "is in the future");
        }
        if (awareAt.getYear() < 1970) {
            throw new InvalidInputException("awareAt", "is before 1970");
        }
        if (regime.needsClassification() && classifiedAt == null) {
            throw new InvalidInputException("classifiedAt", regime.name() + " counts from the incident's"
                    + " classification as major as well: give classifiedAt");
        }
        if (classifiedAt != null && (classifiedAt.isBefore(awareAt) || classifiedAt.isAfter(now))) {
            throw new InvalidInputException("classifiedAt", "lies between awareAt and now");
        }
        return queries.find(by.tenant(), id).chain(i -> regimes.of(by.tenant(), id).chain(declared -> {
            if (declared.stream().anyMatch(r -> r.regime.equals(regime.name()))) {
                throw new ConflictException(i.handle() + " is declared under " + regime.name() + " already");
            }
            IncidentRegime r = new IncidentRegime();
            r.tenantId = by.tenant();
            r.incidentId = id;
            r.regime = regime.name();
            r.awareAt = awareAt.withOffsetSameInstant(ZoneOffset.UTC);
            r.classifiedAt = classifiedAt == null ? null : classifiedAt.withOffsetSameInstant(ZoneOffset.UTC);
            r.declaredBy = by.name();
            r.declaredAt = now;
            Map<String, OffsetDateTime> due = Deadlines.due(regime, r.awareAt, r.classifiedAt, Map.of());
            List<IncidentReport> reports = regime.reports().stream().map(rule -> {
                IncidentReport p = new IncidentReport();
                p.tenantId = by.tenant();
                p.incidentId = id;
                p.regime = regime.name();
                p.report = rule.key();
                p.dueAt = due.get(rule.key());
                return p;
            }).toList();
            i.markUpdated(by, now);
            String summary = "declared reportable under " + regime.name() + " (aware " + r.awareAt
                    + (r.classifiedAt == null ? "" : ", classified " + r.classifiedAt) + "): "
                    + String.join(", ", reports.stream().map(p -> p.report + " due " + p.dueAt).toList());
            return regimes.persist(r).chain(() -> Multi.createFrom().iterable(reports)
                    .onItem().transformToUniAndConcatenate(p -> regimes.getSession().chain(s -> s.persist(p)))
                    .collect().last())
                    .chain(() -> changes.persist(IncidentChange.of(i, IncidentChange.Kind.REGIME, summary, by.name(),
                            by.id(), now)))
                    .chain(() -> incidents.flush())
                    .chain(() -> incidents.regimesOf(List.of(id)))
                    .chain(m -> events.updated(i, m.getOrDefault(id, List.of()), List.of("regimes"), summary, by))
                    .replaceWith(i);
        }));
    }

    /**
     * Records a report's submission: met (or met late) from then on; the reports anchored on it get their deadlines
     * from the submission instead of its deadline.
     */
    @WithTransaction
    public Uni<Incident> submit(Caller by, UUID id, String regimeName, String reportKey, OffsetDateTime submittedAt,
            String reference) {
        Deadlines.Regime regime = config.named(regimeName);
        if (regime.report(reportKey) == null) {
            throw new InvalidInputException("report", "'" + reportKey + "' is not a report of " + regime.name()
                    + "; its reports: " + regime.reports().stream().map(Deadlines.Rule::key).toList());
        }
        OffsetDateTime now = Clocks.now(clock);
        OffsetDateTime at = submittedAt == null ? now : submittedAt.withOffsetSameInstant(ZoneOffset.UTC);
        if (at.isAfter(now)) {
            throw new InvalidInputException("submittedAt", "is in the future");
        }
        return queries.find(by.tenant(), id).chain(i -> regimes.of(by.tenant(), id).chain(declared -> {
            IncidentRegime r = declared.stream().filter(x -> x.regime.equals(regime.name())).findFirst()
                    .orElseThrow(() -> new ConflictException(i.handle() + " is not declared under " + regime.name()));
            if (at.isBefore(r.awareAt)) {
                throw new InvalidInputException("submittedAt", "is before the organization became aware (" + r.awareAt
                        + ")");
            }
            return regimes.reports(by.tenant(), id).chain(reports -> {
                Map<String, IncidentReport> mine = new HashMap<>();
                reports.stream().filter(p -> p.regime.equals(regime.name())).forEach(p -> mine.put(p.report, p));
                IncidentReport p = mine.get(reportKey);
                if (p == null) {
                    throw new ConflictException(i.handle() + " was declared under " + regime.name() + " before it asked"
                            + " for " + reportKey);
                }
                if (p.submittedAt != null) {
                    throw new ConflictException(regime.name() + " " + reportKey + " of " + i.handle()
                            + " was recorded as submitted at " + p.submittedAt + " already");
                }
                p.submittedAt = at;
                p.submittedBy = by.name();
                p.reference = reference == null || reference.isBlank() ? null : reference.strip();
                Map<String, OffsetDateTime> submitted = new HashMap<>();
                mine.values().stream().filter(x -> x.submittedAt != null).forEach(x -> submitted.put(x.report,
                        x.submittedAt));
                Deadlines.due(regime, r.awareAt, r.classifiedAt, submitted).forEach((key, due) -> {
                    IncidentReport x = mine.get(key);
                    if (x != null && x.submittedAt == null && !due.isEqual(x.dueAt)) {
                        x.dueAt = due;
                        // a new deadline: its announcements are owed again
                        x.approachingAnnounced = false;
                        x.missedAnnounced = false;
                    }
                });
                String summary = regime.name() + " " + reportKey + " submitted " + at
                        + (at.isAfter(p.dueAt) ? " (late: due " + p.dueAt + ")" : "")
                        + (p.reference == null ? "" : ", reference " + p.reference);
                i.markUpdated(by, now);
                return changes.persist(IncidentChange.of(i, IncidentChange.Kind.REPORT, summary, by.name(), by.id(),
                        now)).chain(() -> incidents.flush())
                        .chain(() -> incidents.regimesOf(List.of(id)))
                        .chain(m -> events.updated(i, m.getOrDefault(id, List.of()), List.of("reports"), summary, by))
                        .replaceWith(i);
            });
        }));
    }
}
