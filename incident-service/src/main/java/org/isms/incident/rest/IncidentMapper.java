package org.isms.incident.rest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.isms.incident.domain.Alert;
import org.isms.incident.domain.Deadlines;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.IncidentReport;
import org.isms.incident.rest.IncidentDtos.AlertView;
import org.isms.incident.rest.IncidentDtos.DeadlineView;
import org.isms.incident.rest.IncidentDtos.IncidentView;
import org.isms.incident.rest.IncidentDtos.RegimeInfo;
import org.isms.incident.rest.IncidentDtos.RegimeView;
import org.isms.incident.rest.IncidentDtos.ReportInfo;
import org.isms.incident.service.IncidentQueries;
import org.isms.incident.service.IncidentQueries.Details;
import org.isms.incident.service.Regimes;

/** Entities to views. */
final class IncidentMapper {
    private IncidentMapper() {
    }

    static IncidentView view(Incident i) {
        return view(new Details(i, List.of(), List.of()), null, null);
    }

    static IncidentView view(Details d, IncidentQueries queries, Regimes regimes) {
        Incident i = d.incident();
        List<DeadlineView> deadlines = queries == null ? List.of()
                : d.reports().stream().map(r -> deadline(r, queries, regimes)).toList();
        DeadlineView next = deadlines.stream().filter(x -> x.submittedAt() == null)
                .min(Comparator.comparing(DeadlineView::dueAt)).orElse(null);
        return new IncidentView(i.id, i.handle(), i.title, i.description, i.status, i.severity, i.priority, i.category,
                i.assignee, list(i.ciaHit), i.personalData, i.lessonsLearned, i.alertCount, i.firstSeen, i.lastSeen,
                i.assetIds == null ? List.of() : List.of(i.assetIds), i.riskIds == null ? List.of() : List.of(i.riskIds),
                i.mergedInto, i.sourceSystem, i.ruleId, i.openedAt, i.triagedAt, i.containedAt, i.closedAt,
                i.status.next().stream().map(Enum::name).sorted().toList(),
                d.regimes().stream().map(r -> new RegimeView(r.regime, regimes == null || regimes.find(r.regime) == null
                        ? r.regime : regimes.find(r.regime).title(), r.awareAt, r.classifiedAt, r.declaredBy,
                        r.declaredAt)).toList(),
                deadlines, next, i.createdBy, i.updatedBy, i.updatedAt, i.version);
    }

    static DeadlineView deadline(IncidentReport r, IncidentQueries queries, Regimes regimes) {
        Deadlines.Regime regime = regimes.find(r.regime);
        Deadlines.Rule rule = regime == null ? null : regime.report(r.report);
        return new DeadlineView(r.regime, r.report, rule == null ? r.report : rule.title(), r.dueAt, queries.state(r),
                queries.remaining(r).toSeconds(), r.submittedAt, r.submittedBy, r.reference);
    }

    static AlertView alert(Alert a, String raw) {
        List<java.util.UUID> assets = a.assetIds == null ? List.of() : List.of(a.assetIds);
        return new AlertView(a.id, a.sourceSystem, a.sourceAlertId, a.format, a.ruleId, a.ruleName, a.severity,
                a.originalSeverity, a.firstSeen, a.lastSeen, a.receivedAt, list(a.hosts), list(a.ips), list(a.users),
                assets, !assets.isEmpty(), a.disposition.name(), a.incidentId,
                raw == null ? null : org.isms.events.EventJson.read(raw));
    }

    static RegimeInfo regime(Deadlines.Regime r) {
        return new RegimeInfo(r.name(), r.title(), r.needsClassification(), r.reports().stream()
                .map(p -> new ReportInfo(p.key(), p.title(), p.terms().stream().map(Object::toString)
                        .collect(Collectors.joining(", ")))).toList());
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
