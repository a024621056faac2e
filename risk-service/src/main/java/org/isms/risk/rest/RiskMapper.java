package org.isms.risk.rest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.isms.risk.domain.CatalogEntry;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.ResidualProposal;
import org.isms.risk.rest.RiskDtos.ControlBasis;
import org.isms.risk.rest.RiskDtos.ProposedResidual;
import org.isms.risk.domain.PlanItem;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.RiskStatus;
import org.isms.risk.rest.RiskDtos.Acceptance;
import org.isms.risk.rest.RiskDtos.AssetRef;
import org.isms.risk.rest.RiskDtos.CatalogRequest;
import org.isms.risk.rest.RiskDtos.CatalogView;
import org.isms.risk.rest.RiskDtos.CellView;
import org.isms.risk.rest.RiskDtos.HeatmapView;
import org.isms.risk.rest.RiskDtos.MethodologyRequest;
import org.isms.risk.rest.RiskDtos.MethodologyView;
import org.isms.risk.rest.RiskDtos.Pair;
import org.isms.risk.rest.RiskDtos.PlanItemRequest;
import org.isms.risk.rest.RiskDtos.Rating;
import org.isms.risk.rest.RiskDtos.RiskRequest;
import org.isms.risk.rest.RiskDtos.RiskView;
import org.isms.risk.rest.RiskDtos.Treatment;
import org.isms.risk.service.CatalogService;
import org.isms.risk.service.MethodologyService.Current;
import org.isms.risk.service.RiskDetails;
import org.isms.risk.service.RiskQueries.Heatmap;
import org.isms.risk.service.RiskRegister;

/** Between the API's JSON and the register's types. */
final class RiskMapper {
    private RiskMapper() {
    }

    static RiskRegister.Draft draft(RiskRequest r) {
        return new RiskRegister.Draft(r.title(), r.description(), r.assetIds(), r.threatId(), r.vulnerabilityId(),
                r.owner(), r.cia());
    }

    static Methodology.Pair pair(Pair p) {
        return p == null ? null : new Methodology.Pair(p.likelihood(), p.impact());
    }

    static PlanItem planItem(PlanItemRequest p) {
        return new PlanItem(p.action().strip(), p.owner().strip(), p.dueDate(), p.status(),
                p.controlIds() == null ? List.of() : p.controlIds().stream().map(String::strip).distinct().toList());
    }

    /** The risk as the API shows it; {@code today} decides whether its review is overdue. */
    static RiskView view(RiskDetails d, LocalDate today) {
        Risk r = d.risk();
        boolean overdue = r.status != RiskStatus.CLOSED && r.nextReviewDue != null && r.nextReviewDue.isBefore(today);
        return new RiskView(r.id, r.title, r.description, r.assets(),
                d.assets().stream().map(a -> new AssetRef(a.assetId, a.name, a.type, a.deleted ? "DELETED" : a.status)).toList(),
                r.threatId, r.vulnerabilityId, r.owner, r.ownerId, Arrays.asList(r.cia), r.proposedImpact,
                rating(r.inherent()), r.treatmentOption == null ? null : new Treatment(r.treatmentOption, r.plan()),
                Arrays.asList(r.controlIds), rating(r.residual()), r.level, r.aboveAppetite, r.methodologyVersion,
                r.acceptanceApprover == null ? null : new Acceptance(r.acceptanceApprover, r.acceptanceApproverId,
                        r.acceptanceJustification, r.acceptanceExpiresAt, r.acceptedAt),
                r.status, List.copyOf(r.status.next()), r.reviewRequired, r.reasons(), r.nextReviewDue, overdue,
                r.lastReviewedBy, r.lastReviewedById, r.lastReviewedAt, r.closedReason, r.createdBy, r.createdById,
                r.createdAt, r.updatedBy, r.updatedById, r.updatedAt, r.version, proposed(d.proposal()));
    }

    private static Rating rating(Methodology.Rating r) {
        return r == null ? null : new Rating(r.likelihood(), r.impact(), r.score(), r.level());
    }

    static ProposedResidual proposed(ResidualProposal p) {
        return p == null ? null : new ProposedResidual(rating(p.rating()), p.controls().stream()
                .map(b -> new ControlBasis(b.controlId(), b.title(), b.effectiveness(), b.counted())).toList(),
                p.differs());
    }

    static HeatmapView heatmap(Heatmap h) {
        return new HeatmapView(h.methodologyVersion(), h.likelihoodLevels(), h.impactLevels(), h.risks(),
                h.cells().stream().map(c -> new CellView(c.likelihood(), c.impact(), c.level(), c.inherent(), c.residual()))
                        .toList());
    }

    static Methodology methodology(MethodologyRequest m) {
        return new Methodology(m.likelihood(), m.impact(), m.matrix(), m.appetite(), m.reviewIntervalDays(),
                m.maxAcceptanceDays() == null ? Methodology.DEFAULT_ACCEPTANCE_DAYS : m.maxAcceptanceDays(),
                m.controlEffect() == null ? Methodology.ControlEffect.DEFAULT : m.controlEffect());
    }

    static MethodologyView view(Current c) {
        Methodology m = c.methodology();
        return new MethodologyView(c.version(), m.likelihood(), m.impact(), m.matrix(), m.appetite(),
                m.reviewIntervalDays(), m.acceptanceCapDays(), m.effect(), c.changedBy(), c.changedById(), c.changedAt(), c.reason());
    }

    static CatalogService.Draft draft(CatalogRequest r) {
        return new CatalogService.Draft(r.code(), r.name(), r.category(), r.description());
    }

    static CatalogView view(CatalogEntry e) {
        return new CatalogView(e.id, e.kind, e.code, e.name, e.category, e.description, e.baseline, e.createdBy,
                e.createdById, e.createdAt, e.updatedBy, e.updatedById, e.updatedAt, e.version);
    }
}
