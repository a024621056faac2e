package org.isms.risk.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.FlushMode;
import org.isms.platform.directory.UserDirectory;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.http.QueryParams;
import org.isms.platform.paging.KeysetPages;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.time.Clocks;
import org.isms.risk.domain.AnnexA;
import org.isms.risk.domain.AssetProjection;
import org.isms.risk.domain.CatalogEntry.Kind;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.PlanItem;
import org.isms.risk.domain.ReviewReason;
import org.isms.risk.domain.Risk;
import org.isms.risk.domain.RiskLevel;
import org.isms.risk.domain.RiskStatus;
import org.isms.risk.domain.TreatmentOption;
import org.isms.risk.messaging.RiskEvents;
import org.isms.risk.repository.AssetProjectionRepository;
import org.isms.risk.repository.RiskRepository;
import org.isms.risk.service.MethodologyService.Current;

/**
 * The register's use cases. Every write takes the tenant's register lock, checks who may do it, changes
 * the risk under the current methodology and writes its event to the outbox, in one transaction.
 *
 * <p>Segregation of duties: an acceptance is approved by an officer or admin who does not own the risk (by
 * stable user id), and it holds only for what was accepted. A later change of the owner, the assets, the
 * affected properties, the threat or vulnerability, the assessment or the treatment plan voids it: the risk
 * goes back to treatment, is flagged for review with the reason, and {@code acceptance-voided} says so.
 */
@ApplicationScoped
public class RiskService {
    public static final int MAX_ASSETS = 50;


    private final RiskRepository risks;
    private final AssetProjectionRepository assets;
    private final CatalogService catalogs;
    private final MethodologyService methodologies;
    private final RiskEvents events;
    private final UserDirectory directory;
    private final Clock clock;
    private final int exportPage;

    public RiskService(RiskRepository risks, AssetProjectionRepository assets, CatalogService catalogs,
            MethodologyService methodologies, RiskEvents events, UserDirectory directory, Clock clock,
            @ConfigProperty(name = "isms.export.page-size", defaultValue = "500") int exportPage) {
        this.risks = risks;
        this.assets = assets;
        this.catalogs = catalogs;
        this.methodologies = methodologies;
        this.events = events;
        this.directory = directory;
        this.clock = clock;
        this.exportPage = exportPage;
    }

    /** What a client sets of a risk (create and replace). */
    public record Draft(String title, String description, List<UUID> assetIds, UUID threatId, UUID vulnerabilityId,
            String owner, List<String> cia) {
    }

    /** A likelihood and an impact as a client gives them; impact may be null for the proposal. */
    public record Pair(Integer likelihood, Integer impact) {
    }

    public record Assessment(Pair inherent, Pair residual, String reason) {
    }

    /** The list filters; null means "any". */
    public record Filter(RiskLevel level, RiskStatus status, String owner, UUID assetId, Boolean aboveAppetite,
            Boolean reviewRequired, Boolean overdue, String q) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null, null, null);
    }

    /** A risk with the names of its assets, as the API shows it. */
    public record RiskDetails(Risk risk, List<AssetProjection> assets) {
    }

    /** The counts of one likelihood × impact cell. */
    public record Cell(int likelihood, int impact, RiskLevel level, long inherent, long residual) {
    }

    public record Heatmap(int methodologyVersion, int likelihoodLevels, int impactLevels, long risks, List<Cell> cells) {
    }

    // ---------------------------------------------------------------------------------------------- reads

    @WithSession
    public Uni<RiskDetails> get(String tenant, UUID id) {
        return find(tenant, id).chain(r -> details(tenant, List.of(r)).map(l -> l.get(0)));
    }

    @WithSession
    public Uni<Page<RiskDetails>> list(String tenant, Filter filter, PageRequest request) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        return risks.page(tenant, where, params, request).chain(page -> details(tenant, page.items()).map(list -> {
            Map<UUID, RiskDetails> byId = new HashMap<>();
            list.forEach(d -> byId.put(d.risk().id, d));
            return page.map(r -> byId.get(r.id));
        }));
    }

    /**
     * Every risk the filter selects, for the register export, in title order, a page at a time: each page in a
     * session of its own (keyset, after the last title and id), with the names of its risks' assets, so memory
     * stays bounded at any size. The pages are not one snapshot: a change during a long export shows in the
     * pages read after it.
     */
    public Multi<List<RiskDetails>> exportPages(String tenant, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        params.put("tenant", tenant);
        String query = "tenantId = :tenant" + (where.isEmpty() ? "" : " and " + where);
        return KeysetPages.<RiskDetails>of(last -> {
            Map<String, Object> page = new HashMap<>(params);
            String after = last == null ? "" : KeysetPages.after("title", last.risk().title, last.risk().id, page);
            return risks.find(query + after, io.quarkus.panache.common.Sort.by("title").and("id"), page)
                    .page(0, exportPage).list().chain(list -> details(tenant, list));
        });
    }

    /**
     * Counts per likelihood × impact cell of the risks the filter selects (closed ones only when the status
     * filter asks for them), counted by the database.
     */
    @WithSession
    public Uni<Heatmap> heatmap(String tenant, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        params.put("tenant", tenant);
        String scope = "tenantId = :tenant" + (where.isEmpty() ? "" : " and " + where)
                + (filter.status() == null ? " and status <> 'CLOSED'" : "");
        return methodologies.current(tenant).chain(cur -> cells(scope, "inherent", params)
                .chain(inherent -> cells(scope, "residual", params).chain(residual -> risks.count(scope, params)
                        .map(total -> {
                            Methodology m = cur.methodology();
                            List<Cell> cells = new ArrayList<>();
                            for (int l = 1; l <= m.likelihood().size(); l++) {
                                for (int i = 1; i <= m.impact().size(); i++) {
                                    String key = l + "x" + i;
                                    cells.add(new Cell(l, i, m.rate(l, i).level(), inherent.getOrDefault(key, 0L),
                                            residual.getOrDefault(key, 0L)));
                                }
                            }
                            return new Heatmap(cur.version(), m.likelihood().size(), m.impact().size(), total, cells);
                        }))));
    }

    /** "likelihood x impact" → number of risks, for the inherent or the residual assessment. */
    private Uni<Map<String, Long>> cells(String scope, String which, Map<String, Object> params) {
        String hql = "select " + which + "Likelihood, " + which + "Impact, count(*) from Risk where " + scope + " and "
                + which + "Likelihood is not null group by " + which + "Likelihood, " + which + "Impact";
        return Panache.getSession().chain(s -> {
            var q = s.createQuery(hql, Object[].class);
            params.forEach(q::setParameter);
            return q.getResultList();
        }).map(rows -> {
            Map<String, Long> counts = new HashMap<>();
            rows.forEach(r -> counts.put(r[0] + "x" + r[1], ((Number) r[2]).longValue()));
            return counts;
        });
    }

    // --------------------------------------------------------------------------------------------- writes

    @WithTransaction
    public Uni<RiskDetails> create(Actor actor, Draft draft) {
        String owner = UserDirectory.normalize(draft.owner());
        requireOwnership(actor, owner, "create a risk owned by " + owner);
        OffsetDateTime now = now();
        return risks.lockTenant(actor.tenant()).chain(() -> checkReferences(actor.tenant(), draft))
                .chain(found -> ownerIdOf(actor, owner).chain(ownerId -> methodologies.current(actor.tenant())
                        .chain(cur -> {
                            Risk r = new Risk();
                            r.id = UUID.randomUUID();
                            r.tenantId = actor.tenant();
                            r.status = RiskStatus.IDENTIFIED;
                            r.controlIds = new String[0];
                            r.reviewReasons = "[]";
                            r.createdBy = actor.name();
                            r.createdById = actor.id();
                            r.createdAt = now;
                            apply(r, draft, owner, ownerId);
                            touch(r, actor, now);
                            r.proposedImpact = ImpactProposals.propose(cur.methodology(), draft.cia(), found);
                            r.rate(cur.methodology(), cur.version());
                            return risks.persistAndFlush(r).chain(() -> events.identified(r, actor.caller()))
                                    .replaceWith(new RiskDetails(r, found));
                        })));
    }

    /**
     * Replaces the descriptive fields and the scope. A change of scope (owner, assets, affected properties,
     * threat, vulnerability) voids an acceptance: what was accepted is no longer what the risk is.
     */
    @WithTransaction
    public Uni<RiskDetails> update(Actor actor, UUID id, long version, Draft draft) {
        String owner = UserDirectory.normalize(draft.owner());
        return write(actor, id, version, r -> {
            requireOwnership(actor, owner, "give the risk to " + owner);
            requireOpen(r, "changed");
            return checkReferences(actor.tenant(), draft).chain(found -> ownerIdOf(actor, owner)
                    .chain(ownerId -> methodologies.current(actor.tenant()).chain(cur -> {
                        Map<String, Object> before = describe(r);
                        Risk.Scope scope = r.scope();
                        apply(r, draft, owner, owner.equals(r.owner) && r.ownerId != null ? r.ownerId : ownerId);
                        r.proposedImpact = ImpactProposals.propose(cur.methodology(), draft.cia(), found);
                        List<String> changed = new ArrayList<>(describe(r).entrySet().stream()
                                .filter(e -> !java.util.Objects.equals(before.get(e.getKey()), e.getValue()))
                                .map(Map.Entry::getKey).toList());
                        if (r.ownerBound && !changed.contains("owner")) {
                            changed.add("ownerId"); // nothing else may have changed, but the risk has a new version
                        }
                        if (changed.isEmpty()) {
                            return Uni.createFrom().item(new RiskDetails(r, found));
                        }
                        OffsetDateTime now = now();
                        touch(r, actor, now);
                        List<String> scopeChanges = scope.changesTo(r.scope());
                        String why = String.join(", ", scopeChanges) + " changed";
                        Risk.Voided voided = scopeChanges.isEmpty() ? null : r.voidAcceptance(why, now);
                        return Panache.flush().chain(() -> events.updated(r, changed, actor.caller()))
                                .chain(() -> voided(r, voided, why, actor))
                                .replaceWith(new RiskDetails(r, found));
                    })));
        });
    }

    /**
     * Sets the inherent (and optionally residual) likelihood and impact under the current methodology.
     * IDENTIFIED becomes ASSESSED; an assessment that changes what was accepted voids the acceptance.
     */
    @WithTransaction
    public Uni<RiskDetails> assess(Actor actor, UUID id, long version, Assessment a) {
        return write(actor, id, version, r -> {
            requireOpen(r, "assessed");
            return methodologies.current(actor.tenant()).chain(cur -> {
                Methodology m = cur.methodology();
                List<FieldError> faults = new ArrayList<>();
                int impact = a.inherent().impact() != null ? a.inherent().impact()
                        : r.proposedImpact != null ? r.proposedImpact : 0;
                check(m, "inherent", a.inherent().likelihood(), impact, faults);
                if (a.residual() != null) {
                    if (a.residual().impact() == null) {
                        faults.add(new FieldError("residual.impact", "must be given for the residual risk", null));
                    } else {
                        check(m, "residual", a.residual().likelihood(), a.residual().impact(), faults);
                    }
                }
                if (!faults.isEmpty()) {
                    throw new InvalidInputException("the assessment does not fit the methodology (version "
                            + cur.version() + "): " + faults.get(0).field() + " " + faults.get(0).message(), faults);
                }
                RiskLevel before = r.level;
                String assessedBefore = assessment(r);
                r.setInherent(m.rate(a.inherent().likelihood(), impact));
                r.setResidual(a.residual() == null ? null : m.rate(a.residual().likelihood(), a.residual().impact()));
                r.rate(m, cur.version());
                String assessedNow = assessment(r);
                OffsetDateTime now = now();
                String why = "assessment changed " + assessedBefore + "→" + assessedNow;
                Risk.Voided voided = assessedBefore.equals(assessedNow) ? null : r.voidAcceptance(why, now);
                if (r.status == RiskStatus.IDENTIFIED) {
                    r.status = RiskStatus.ASSESSED;
                }
                if (r.treatmentOption != null) {
                    r.status = r.treatmentStatus();
                }
                r.nextReviewDue = m.reviewDue(r.level, today());
                touch(r, actor, now);
                String reason = a.reason() == null || a.reason().isBlank() ? "assessed" : a.reason().strip();
                return flushed(r).call(() -> events.assessed(r, before, reason, actor.caller()))
                        .call(() -> voided(r, voided, why, actor));
            });
        });
    }

    /** Sets the treatment option and plan; the risk must be assessed. */
    @WithTransaction
    public Uni<RiskDetails> treat(Actor actor, UUID id, long version, TreatmentOption option, List<PlanItem> plan) {
        return write(actor, id, version, r -> {
            requireStatus(r, RiskStatus.TREATMENT_PLANNED, RiskStatus.ASSESSED, RiskStatus.TREATMENT_PLANNED,
                    RiskStatus.TREATED, RiskStatus.ACCEPTED);
            List<FieldError> faults = new ArrayList<>();
            for (int k = 0; k < plan.size(); k++) {
                List<String> controls = plan.get(k).controlIds() == null ? List.of() : plan.get(k).controlIds();
                for (int c = 0; c < controls.size(); c++) {
                    if (!AnnexA.isControl(controls.get(c))) {
                        faults.add(new FieldError("plan[" + k + "].controlIds[" + c + "]", "'" + controls.get(c)
                                + "' is not an ISO/IEC 27001:2022 Annex A control (5.1–5.37, 6.1–6.8, 7.1–7.14, 8.1–8.34)",
                                null));
                    }
                }
            }
            if (option == TreatmentOption.MODIFY && plan.isEmpty()) {
                faults.add(new FieldError("plan", "MODIFY needs at least one plan item with the controls it implements", null));
            }
            if (!faults.isEmpty()) {
                throw new InvalidInputException("the treatment plan is not valid: " + faults.get(0).field() + " "
                        + faults.get(0).message(), faults);
            }
            boolean replanned = r.treatmentOption != option || !r.plan().equals(plan);
            r.treatmentOption = option;
            r.setPlan(plan);
            OffsetDateTime now = now();
            String why = "treatment plan changed (" + option + ")";
            Risk.Voided voided = replanned ? r.voidAcceptance(why, now) : null;
            if (r.status != RiskStatus.ACCEPTED) {
                r.status = RiskStatus.TREATMENT_PLANNED;
            }
            r.status = r.treatmentStatus();
            touch(r, actor, now);
            return flushed(r).call(() -> events.treatmentPlanned(r, actor.caller()))
                    .call(() -> voided(r, voided, why, actor));
        });
    }

    /**
     * Records the approval of the residual risk. Only an officer or admin who does not own the risk
     * approves, only a risk whose plan retains it or leaves it above appetite, until {@code expiresAt}: in the
     * future and no further ahead than the methodology's {@code maxAcceptanceDays}. An owner named before they
     * used the ISMS (no stable id yet) is compared by name only, so no acceptance is approved until they have.
     */
    @WithTransaction
    public Uni<RiskDetails> accept(Actor actor, UUID id, long version, String justification, OffsetDateTime expiresAt) {
        if (!actor.officer()) {
            throw new ForbiddenActionException("only a security officer or an ISMS admin may accept a risk");
        }
        OffsetDateTime now = now();
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        return write(actor, id, version, r -> {
            if (r.ownedBy(actor.id(), actor.name())) {
                throw new ForbiddenActionException("the approver of an acceptance may not be the risk's owner ("
                        + r.owner + "); another security officer or admin must approve");
            }
            if (r.ownerId == null) {
                // known by name only: who the owner is cannot be told apart from another account of that name yet
                throw new ConflictException("the risk's owner " + r.owner + " has not used the ISMS yet, so the"
                        + " approver cannot be told apart from them; accept once " + r.owner + " has signed in");
            }
            requireStatus(r, RiskStatus.ACCEPTED, RiskStatus.TREATMENT_PLANNED, RiskStatus.TREATED, RiskStatus.ACCEPTED);
            if (!r.needsAcceptance()) {
                throw new ConflictException("there is nothing to accept: the risk stands at " + r.level
                        + ", within the appetite, and its treatment option is " + r.treatmentOption);
            }
            return methodologies.current(actor.tenant()).chain(cur -> {
                int cap = cur.methodology().acceptanceCapDays();
                OffsetDateTime latest = now.plusDays(cap);
                if (expiresAt.isAfter(latest)) {
                    throw new InvalidInputException("expiresAt", "must be at most " + cap + " days ahead (the methodology's"
                            + " maxAcceptanceDays), by " + latest.truncatedTo(ChronoUnit.SECONDS) + "; accept again then");
                }
                r.accept(actor.name(), actor.id(), justification.strip(),
                        expiresAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), now);
                touch(r, actor, now);
                return flushed(r).call(() -> events.accepted(r));
            });
        });
    }

    /** Clears the review flag: the reviewer looked at the risk; the next review is due by its level. */
    @WithTransaction
    public Uni<RiskDetails> review(Actor actor, UUID id, Long version, String comment) {
        return write(actor, id, version, r -> {
            requireOpen(r, "reviewed");
            return methodologies.current(actor.tenant()).chain(cur -> {
                OffsetDateTime now = now();
                r.clearReview(actor.name(), actor.id(), now);
                if (r.level != null) {
                    r.nextReviewDue = cur.methodology().reviewDue(r.level, today());
                }
                touch(r, actor, now);
                String text = comment == null || comment.isBlank() ? null : comment.strip();
                return flushed(r).call(() -> events.reviewed(r, text));
            });
        });
    }

    @WithTransaction
    public Uni<RiskDetails> close(Actor actor, UUID id, long version, String reason) {
        return write(actor, id, version, r -> {
            requireStatus(r, RiskStatus.CLOSED, RiskStatus.IDENTIFIED, RiskStatus.ASSESSED, RiskStatus.TREATMENT_PLANNED,
                    RiskStatus.TREATED, RiskStatus.ACCEPTED);
            r.status = RiskStatus.CLOSED;
            r.closedReason = reason.strip();
            touch(r, actor, now());
            return flushed(r).call(() -> events.closed(r, r.closedReason, actor.caller()));
        });
    }

    /**
     * Removes a risk from the register (entered by mistake); others close it instead. The delete is flushed
     * first, then {@code isms.risk.deleted.v1} carries the risk as it was, at its final version.
     */
    @WithTransaction
    public Uni<Void> delete(Actor actor, UUID id, long version) {
        return write(actor, id, version, r -> risks.delete(r).chain(() -> Panache.flush())
                .chain(() -> events.deleted(r, actor.caller())).replaceWith(new RiskDetails(r, List.of())))
                .replaceWithVoid();
    }

    // -------------------------------------------------------------------------------- from events, schedules

    /**
     * Flags every open risk on an asset for review (from an asset event, inside the inbox's transaction)
     * and proposes their impact again from the assets as they are now; a risk already flagged by the same
     * event is left alone. Flags change the version (ETag) but not {@code updatedBy/At}, which name the
     * last person to edit; the reason carries its own time. The number of risks flagged.
     */
    public Uni<Integer> flagRisksOfAsset(String tenant, UUID assetId, ReviewReason reason) {
        return risks.lockTenant(tenant).chain(() -> risks.openOnAsset(tenant, assetId))
                .chain(list -> methodologies.current(tenant).chain(cur -> {
                    List<Risk> flagged = list.stream().filter(r -> r.flag(reason)).toList();
                    return reproposed(tenant, cur, flagged).chain(() -> Panache.flush())
                            .chain(() -> Multi.createFrom().iterable(flagged)
                                    .onItem().transformToUniAndConcatenate(r -> events.reviewRequired(r, reason))
                                    .collect().last())
                            .replaceWith(flagged.size());
                }));
    }

    private Uni<Void> reproposed(String tenant, Current cur, List<Risk> flagged) {
        if (flagged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        flagged.forEach(r -> ids.addAll(r.assets()));
        return assets.findAllInTenant(tenant, ids).invoke(found -> {
            Map<UUID, AssetProjection> byId = new HashMap<>();
            found.forEach(a -> byId.put(a.assetId, a));
            flagged.forEach(r -> r.proposedImpact = ImpactProposals.propose(cur.methodology(), List.of(r.cia),
                    r.assets().stream().map(byId::get).filter(a -> a != null).toList()));
        }).replaceWithVoid();
    }

    /**
     * Re-opens accepted risks whose acceptance ran out: back to treatment, flagged, with both events.
     * Claims at most {@code batch} risks with {@code SKIP LOCKED}, so instances running it together never
     * act on the same risk. The number re-opened.
     */
    @WithTransaction
    public Uni<Integer> expireAcceptances(int batch) {
        OffsetDateTime now = now();
        return risks.claimExpiredAcceptances(now, batch).chain(list -> {
            List<ExpiredAcceptance> expired = new ArrayList<>();
            for (Risk r : list) {
                OffsetDateTime at = r.acceptanceExpiresAt;
                ReviewReason reason = new ReviewReason(ReviewReason.Kind.ACCEPTANCE_EXPIRED, "acceptance by "
                        + r.acceptanceApprover + " expired at " + at, now, null, null);
                r.clearAcceptance();
                r.status = RiskStatus.TREATMENT_PLANNED;
                r.status = r.treatmentStatus();
                r.flag(reason);
                expired.add(new ExpiredAcceptance(r, at, reason));
            }
            return Panache.flush().chain(() -> Multi.createFrom().iterable(expired)
                    .onItem().transformToUniAndConcatenate(e -> events.acceptanceExpired(e.risk(), e.at())
                            .chain(() -> events.reviewRequired(e.risk(), e.reason())))
                    .collect().last()).replaceWith(expired.size());
        });
    }

    private record ExpiredAcceptance(Risk risk, OffsetDateTime at, ReviewReason reason) {
    }

    /** Flags open risks whose review date has passed, once per due date; same claiming as above. */
    @WithTransaction
    public Uni<Integer> flagOverdueReviews(int batch) {
        OffsetDateTime now = now();
        return risks.claimOverdueReviews(today(), batch).chain(list -> {
            List<ReviewReason> reasons = new ArrayList<>();
            for (Risk r : list) {
                ReviewReason reason = new ReviewReason(ReviewReason.Kind.REVIEW_OVERDUE,
                        "review overdue since " + r.nextReviewDue, now, null, null);
                r.flag(reason);
                r.overdueFlaggedFor = r.nextReviewDue;
                reasons.add(reason);
            }
            return Panache.flush().chain(() -> Multi.createFrom().range(0, list.size())
                    .onItem().transformToUniAndConcatenate(k -> events.reviewRequired(list.get(k), reasons.get(k)))
                    .collect().last()).replaceWith(list.size());
        });
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /**
     * Loads the risk under the tenant's lock, checks the version and who may change it, then applies the
     * change. An owner named before they were known to the ISMS gets their stable id here, once they are.
     */
    private Uni<RiskDetails> write(Actor actor, UUID id, Long version, Function<Risk, Uni<RiskDetails>> change) {
        // every change flushes itself before writing its events: no query in between may flush half of it (a
        // bound owner id, say) and make one request two versions
        return Panache.getSession().invoke(s -> s.setFlushMode(FlushMode.COMMIT))
                .chain(() -> risks.lockTenant(actor.tenant())).chain(() -> find(actor.tenant(), id)).chain(r -> {
            if (version != null) {
                Preconditions.requireVersion("Risk " + id, r.version, version);
            }
            return bindOwner(r).chain(() -> {
                if (!actor.officer() && !r.ownedBy(actor.id(), actor.name())) {
                    throw new ForbiddenActionException("a risk owner acts on their own risks only; " + actor.name()
                            + " may not change a risk owned by " + r.owner);
                }
                return change.apply(r);
            });
        });
    }

    /** A risk owner may only name themselves as the owner; officers and admins name anyone. */
    private static void requireOwnership(Actor actor, String owner, String what) {
        if (!actor.officer() && !actor.name().equals(owner)) {
            throw new ForbiddenActionException("a risk owner acts on their own risks only; " + actor.name()
                    + " may not " + what);
        }
    }

    /** The stable id of the named owner: the caller's own when they name themselves, else the directory's (or null). */
    private Uni<String> ownerIdOf(Actor actor, String owner) {
        return owner.equals(actor.name()) ? Uni.createFrom().item(actor.id()) : directory.idOf(actor.tenant(), owner);
    }

    private Uni<Void> bindOwner(Risk r) {
        if (r.ownerId != null) {
            return Uni.createFrom().voidItem();
        }
        return directory.idOf(r.tenantId, r.owner).invoke(ownerId -> {
            r.ownerId = ownerId;
            r.ownerBound = ownerId != null;
        }).replaceWithVoid();
    }

    /** The acceptance-voided event, when an acceptance was voided. */
    private Uni<Void> voided(Risk r, Risk.Voided voided, String why, Actor actor) {
        return voided == null ? Uni.createFrom().voidItem() : events.acceptanceVoided(r, voided, why, actor.caller());
    }

    /** The assessed numbers, as the acceptance compares them ("L4×I5 / residual L2×I3"). */
    private static String assessment(Risk r) {
        return (r.inherentLikelihood == null ? "none" : "L" + r.inherentLikelihood + "×I" + r.inherentImpact)
                + (r.residualLikelihood == null ? "" : " / residual L" + r.residualLikelihood + "×I" + r.residualImpact);
    }

    /** The fields a PUT replaces, to tell which changed. */
    private static Map<String, Object> describe(Risk r) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("title", r.title);
        m.put("description", r.description);
        m.put("assetIds", List.of(r.assetIds));
        m.put("threatId", r.threatId);
        m.put("vulnerabilityId", r.vulnerabilityId);
        m.put("owner", r.owner);
        m.put("cia", List.of(r.cia));
        return m;
    }

    private static void requireOpen(Risk r, String what) {
        if (!r.status.open()) {
            throw new ConflictException("the risk is CLOSED and cannot be " + what);
        }
    }

    /** 409 unless the risk may move to {@code to} from where it is (staying put counts when listed in {@code from}). */
    private static void requireStatus(Risk r, RiskStatus to, RiskStatus... from) {
        boolean allowed = false;
        for (RiskStatus s : from) {
            allowed |= s == r.status;
        }
        if (!allowed || (r.status != to && !r.status.next().contains(to))) {
            throw new InvalidStateTransitionException("risk", r.status, to, r.status.next());
        }
    }

    private static void check(Methodology m, String field, Integer likelihood, int impact, List<FieldError> faults) {
        if (likelihood == null || !m.hasLikelihood(likelihood)) {
            faults.add(new FieldError(field + ".likelihood", "must be a level of the likelihood scale (1 to "
                    + m.likelihood().size() + ")", null));
        }
        if (!m.hasImpact(impact)) {
            faults.add(new FieldError(field + ".impact", impact == 0
                    ? "must be given: the risk's assets propose none"
                    : "must be a level of the impact scale (1 to " + m.impact().size() + ")", null));
        }
    }

    /** The risk's assets and catalog entries must exist in the tenant; the assets found. */
    private Uni<List<AssetProjection>> checkReferences(String tenant, Draft d) {
        Set<UUID> ids = new LinkedHashSet<>(d.assetIds());
        return assets.findAllInTenant(tenant, ids).chain(found -> {
            Set<UUID> known = new LinkedHashSet<>();
            found.stream().filter(a -> !a.deleted).forEach(a -> known.add(a.assetId));
            List<FieldError> faults = new ArrayList<>();
            int k = 0;
            for (UUID id : d.assetIds()) {
                if (!known.contains(id)) {
                    faults.add(new FieldError("assetIds[" + k + "]", "no asset " + id + " in this tenant's inventory", null));
                }
                k++;
            }
            return catalogs.lookup(tenant, Kind.THREAT, d.threatId()).chain(t -> catalogs
                    .lookup(tenant, Kind.VULNERABILITY, d.vulnerabilityId()).map(v -> {
                        if (d.threatId() != null && t == null) {
                            faults.add(new FieldError("threatId", "no threat " + d.threatId() + " in this tenant's catalog", null));
                        }
                        if (d.vulnerabilityId() != null && v == null) {
                            faults.add(new FieldError("vulnerabilityId", "no vulnerability " + d.vulnerabilityId()
                                    + " in this tenant's catalog", null));
                        }
                        if (!faults.isEmpty()) {
                            throw new InvalidInputException("the risk names what this tenant does not have: "
                                    + faults.get(0).message(), faults);
                        }
                        return found.stream().filter(a -> !a.deleted).toList();
                    }));
        });
    }

    private static void apply(Risk r, Draft d, String owner, String ownerId) {
        r.title = d.title().strip();
        r.description = d.description() == null || d.description().isBlank() ? null : d.description().strip();
        r.assetIds = new LinkedHashSet<>(d.assetIds()).stream().map(UUID::toString).toArray(String[]::new);
        r.threatId = d.threatId();
        r.vulnerabilityId = d.vulnerabilityId();
        r.owner = owner;
        r.ownerId = ownerId;
        r.cia = List.of("C", "I", "A").stream().filter(d.cia()::contains).toArray(String[]::new);
    }

    private static void touch(Risk r, Actor actor, OffsetDateTime now) {
        r.updatedBy = actor.name();
        r.updatedById = actor.id();
        r.updatedAt = now;
    }

    private Uni<RiskDetails> flushed(Risk r) {
        return Panache.flush().chain(() -> details(r.tenantId, List.of(r))).map(l -> l.get(0));
    }

    private Uni<Risk> find(String tenant, UUID id) {
        return risks.findInTenant(tenant, id).map(r -> {
            if (r == null) {
                throw new ResourceNotFoundException("risk", id.toString());
            }
            return r;
        });
    }

    private Uni<List<RiskDetails>> details(String tenant, List<Risk> list) {
        Set<UUID> ids = new LinkedHashSet<>();
        list.forEach(r -> ids.addAll(r.assets()));
        return assets.findAllInTenant(tenant, ids).map(found -> {
            Map<UUID, AssetProjection> byId = new HashMap<>();
            found.forEach(a -> byId.put(a.assetId, a));
            return list.stream().map(r -> new RiskDetails(r, r.assets().stream().map(byId::get)
                    .filter(a -> a != null).toList())).toList();
        });
    }

    private String where(Filter f, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        if (f.level() != null) {
            parts.add("level = :level");
            params.put("level", f.level());
        }
        if (f.status() != null) {
            parts.add("status = :status");
            params.put("status", f.status());
        }
        if (f.owner() != null && !f.owner().isBlank()) {
            parts.add("owner = :owner");
            params.put("owner", UserDirectory.normalize(f.owner()));
        }
        if (f.assetId() != null) {
            parts.add("array_contains(assetIds, :asset)");
            params.put("asset", f.assetId().toString());
        }
        if (f.aboveAppetite() != null) {
            parts.add("aboveAppetite = :above");
            params.put("above", f.aboveAppetite());
        }
        if (f.reviewRequired() != null) {
            parts.add("reviewRequired = :review");
            params.put("review", f.reviewRequired());
        }
        if (f.overdue() != null) {
            parts.add(f.overdue() ? "(status <> 'CLOSED' and nextReviewDue < :today)"
                    : "(status = 'CLOSED' or nextReviewDue is null or nextReviewDue >= :today)");
            params.put("today", Clocks.today(clock));
        }
        if (f.q() != null && !f.q().isBlank()) {
            parts.add("(lower(title) like :q escape '\\' or lower(description) like :q escape '\\')");
            params.put("q", QueryParams.containsPattern(f.q()));
        }
        return String.join(" and ", parts);
    }

    private OffsetDateTime now() {
        return Clocks.now(clock);
    }

    /** Today (UTC), for due dates and the overdue filter. */
    public LocalDate today() {
        return Clocks.today(clock);
    }
}
