package org.isms.risk.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.persistence.Audited;
import org.isms.platform.tenancy.Caller;
import org.isms.risk.domain.Methodology.Pair;
import org.isms.risk.domain.Methodology.Rating;
import org.isms.risk.repository.JsonbJdbcType;

/**
 * An entry of the risk register. Levels are always those of the tenant's current methodology
 * ({@code methodologyVersion}); {@code level} is where the risk stands now (residual once assessed,
 * else inherent) and {@code aboveAppetite} compares it with the appetite.
 *
 * <p>Every change of status is a method here that refuses what the status does not allow ({@link RiskStatus}):
 * {@link #assess}, {@link #treat}, {@link #accept}, {@link #expireAcceptance}, {@link #close}. An acceptance
 * holds only for what was accepted: a later change of the owner, the assets, the affected properties, the
 * threat or vulnerability, the assessment or the treatment plan voids it ({@link Voided}).
 */
@Entity
public class Risk extends Audited {
    @Id
    public UUID id;
    public String tenantId;
    public String title;
    public String description;
    public String[] assetIds;
    public UUID threatId;
    public UUID vulnerabilityId;
    /** The owner's user name (lower-case, as Keycloak keeps it). */
    public String owner;
    /** The owner's stable user id (token subject); null until the owner is known to the ISMS (their first request). */
    public String ownerId;
    public String[] cia;
    public Integer proposedImpact;
    public Integer inherentLikelihood;
    public Integer inherentImpact;
    public Integer inherentScore;
    @Enumerated(EnumType.STRING)
    public RiskLevel inherentLevel;
    @Enumerated(EnumType.STRING)
    public TreatmentOption treatmentOption;
    /** The plan items, null until a treatment is set; {@code controlIds} is their union (for filters and events). */
    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    public List<PlanItem> treatmentPlan;
    public String[] controlIds;
    public Integer residualLikelihood;
    public Integer residualImpact;
    public Integer residualScore;
    @Enumerated(EnumType.STRING)
    public RiskLevel residualLevel;
    @Enumerated(EnumType.STRING)
    public RiskLevel level;
    public boolean aboveAppetite;
    public int methodologyVersion;
    public String acceptanceApprover;
    public String acceptanceApproverId;
    public String acceptanceJustification;
    public OffsetDateTime acceptanceExpiresAt;
    public OffsetDateTime acceptedAt;
    @Enumerated(EnumType.STRING)
    public RiskStatus status;
    public boolean reviewRequired;
    /** Why a review is required, in the order flagged; empty when none is. Replaced, never changed in place. */
    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    public List<ReviewReason> reviewReasons;
    public LocalDate nextReviewDue;
    public LocalDate overdueFlaggedFor;
    public String lastReviewedBy;
    public String lastReviewedById;
    public OffsetDateTime lastReviewedAt;
    public String closedReason;
    /**
     * Set when this request bound the stable id of an owner named before they used the ISMS: a change of the
     * risk (it gets a new version) that the request must announce even if it changes nothing else.
     */
    @Transient
    public boolean ownerBound;

    /** A new entry of the register, IDENTIFIED: nothing assessed, planned or flagged yet. */
    public static Risk identified(String tenantId, Caller by, OffsetDateTime at) {
        Risk r = new Risk();
        r.id = UUID.randomUUID();
        r.tenantId = tenantId;
        r.status = RiskStatus.IDENTIFIED;
        r.controlIds = new String[0];
        r.reviewReasons = List.of();
        r.markCreated(by, at);
        return r;
    }

    public List<UUID> assets() {
        return Arrays.stream(assetIds).map(UUID::fromString).toList();
    }

    public List<PlanItem> plan() {
        return treatmentPlan == null ? List.of() : Collections.unmodifiableList(treatmentPlan);
    }

    public void setPlan(List<PlanItem> items) {
        treatmentPlan = List.copyOf(items);
        Set<String> controls = new LinkedHashSet<>();
        items.forEach(p -> controls.addAll(p.controlIds() == null ? List.of() : p.controlIds()));
        controlIds = controls.toArray(String[]::new);
    }

    public List<ReviewReason> reasons() {
        return reviewReasons == null ? List.of() : Collections.unmodifiableList(reviewReasons);
    }

    /** Asks for a review; the same cause (event) flags once. */
    public boolean flag(ReviewReason reason) {
        List<ReviewReason> all = new ArrayList<>(reasons());
        if (reason.causeEventId() != null
                && all.stream().anyMatch(r -> reason.causeEventId().equals(r.causeEventId()))) {
            return false;
        }
        all.add(reason);
        reviewReasons = List.copyOf(all);
        reviewRequired = true;
        return true;
    }

    /** Flags a review past its date, remembering for which due date; the reason flagged. */
    public ReviewReason flagOverdueReview(OffsetDateTime at) {
        ReviewReason reason = new ReviewReason(ReviewReason.Kind.REVIEW_OVERDUE, "review overdue since " + nextReviewDue,
                at, null, null);
        flag(reason);
        overdueFlaggedFor = nextReviewDue;
        return reason;
    }

    /** Records a review: the flag and its reasons are cleared, the next review is due by the level (once assessed). */
    public void review(String by, String byId, Methodology m, LocalDate today, OffsetDateTime at) {
        requireOpen("reviewed");
        clearReview(by, byId, at);
        if (level != null) {
            nextReviewDue = m.reviewDue(level, today);
        }
    }

    private void clearReview(String by, String byId, OffsetDateTime at) {
        reviewReasons = List.of();
        reviewRequired = false;
        lastReviewedBy = by;
        lastReviewedById = byId;
        lastReviewedAt = at;
    }

    /**
     * Whether the user is this risk's owner: by stable id once it is known, by user name until then (a name
     * taken over by another account later is not the owner: the id decides).
     */
    public boolean ownedBy(String userId, String userName) {
        return ownerId != null ? ownerId.equals(userId) : owner.equals(userName);
    }

    public RiskScope scope() {
        return new RiskScope(owner, ownerId, new LinkedHashSet<>(Arrays.asList(assetIds)),
                new LinkedHashSet<>(Arrays.asList(cia)), threatId, vulnerabilityId);
    }

    /**
     * Voids the acceptance when the scope changed since {@code before} (owner, assets, affected properties,
     * threat, vulnerability): what was accepted is no longer what the risk is. Null when nothing was voided.
     */
    public Voided rescoped(RiskScope before, OffsetDateTime at) {
        List<String> changes = before.changesTo(scope());
        return changes.isEmpty() ? null : voidAcceptance(String.join(", ", changes) + " changed", at);
    }

    /** An acceptance voided: who had approved it, the review it asks for, and why it was voided. */
    public record Voided(String approver, String approverId, ReviewReason review, String reason) {
    }

    /** An acceptance that ran out: when it did, and the review it asks for. */
    public record Expired(OffsetDateTime expiredAt, ReviewReason review) {
    }

    /** An assessment made: the level the risk stood at before, and the acceptance it voided (or null). */
    public record Assessed(RiskLevel before, Voided voided) {
    }

    /** 409 unless the risk is open: a CLOSED risk cannot be {@code what} ("changed", "assessed"). */
    public void requireOpen(String what) {
        if (!status.open()) {
            throw new ConflictException("the risk is CLOSED and cannot be " + what);
        }
    }

    /**
     * Assesses the risk under {@code m}: the inherent likelihood and impact (the impact the assets propose
     * when none is given) and optionally the residual ones, each a level of the methodology's scales (400
     * otherwise). IDENTIFIED becomes ASSESSED, a treated risk stands where its treatment puts it, and new numbers
     * void an acceptance (the same numbers again keep it); the next review is due by the new level.
     */
    public Assessed assess(Methodology m, int methodologyVersion, Pair inherent, Pair residual, LocalDate today,
            OffsetDateTime at) {
        requireOpen("assessed");
        List<FieldError> faults = new ArrayList<>();
        int impact = inherent.impact() != null ? inherent.impact() : proposedImpact != null ? proposedImpact : 0;
        m.check("inherent", inherent.likelihood(), impact, faults);
        if (residual != null) {
            if (residual.impact() == null) {
                faults.add(new FieldError("residual.impact", "must be given for the residual risk", null));
            } else {
                m.check("residual", residual.likelihood(), residual.impact(), faults);
            }
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the assessment does not fit the methodology (version "
                    + methodologyVersion + "): " + faults.get(0).field() + " " + faults.get(0).message(), faults);
        }
        RiskLevel before = level;
        String assessedBefore = assessment();
        setInherent(m.rate(inherent.likelihood(), impact));
        setResidual(residual == null ? null : m.rate(residual.likelihood(), residual.impact()));
        rate(m, methodologyVersion);
        String assessedNow = assessment();
        Voided voided = assessedBefore.equals(assessedNow) ? null
                : voidAcceptance("assessment changed " + assessedBefore + "→" + assessedNow, at);
        if (status == RiskStatus.IDENTIFIED) {
            status = RiskStatus.ASSESSED;
        }
        if (treatmentOption != null) {
            status = treatmentStatus();
        }
        nextReviewDue = m.reviewDue(level, today);
        return new Assessed(before, voided);
    }

    /** The assessed numbers, as an acceptance holds them ("L4×I5 / residual L2×I3"). */
    private String assessment() {
        return (inherentLikelihood == null ? "none" : "L" + inherentLikelihood + "×I" + inherentImpact)
                + (residualLikelihood == null ? "" : " / residual L" + residualLikelihood + "×I" + residualImpact);
    }

    /**
     * Sets the treatment option and plan of an assessed risk: every control a plan item names must be an Annex A
     * control, and MODIFY needs a plan (400 otherwise). Another option or plan voids an acceptance. The risk
     * stands at TREATMENT_PLANNED, or TREATED once carried out, or stays ACCEPTED while its acceptance holds.
     * The acceptance voided, or null.
     */
    public Voided treat(TreatmentOption option, List<PlanItem> items, OffsetDateTime at) {
        requireStatus(RiskStatus.TREATMENT_PLANNED, RiskStatus.ASSESSED, RiskStatus.TREATMENT_PLANNED,
                RiskStatus.TREATED, RiskStatus.ACCEPTED);
        PlanItem.requireValid(option, items);
        boolean replanned = treatmentOption != option || !plan().equals(items);
        treatmentOption = option;
        setPlan(items);
        Voided voided = replanned ? voidAcceptance("treatment plan changed (" + option + ")", at) : null;
        if (status != RiskStatus.ACCEPTED) {
            status = RiskStatus.TREATMENT_PLANNED;
        }
        status = treatmentStatus();
        return voided;
    }

    /**
     * Voids the acceptance when what was accepted changed: the risk goes back to treatment and is flagged for
     * review with {@code reason}. Null when there was no acceptance to void.
     */
    public Voided voidAcceptance(String reason, OffsetDateTime at) {
        if (status != RiskStatus.ACCEPTED || acceptanceApprover == null) {
            return null;
        }
        ReviewReason review = new ReviewReason(ReviewReason.Kind.ACCEPTANCE_VOIDED, "acceptance by "
                + acceptanceApprover + " voided: " + reason, at, null, null);
        Voided voided = new Voided(acceptanceApprover, acceptanceApproverId, review, reason);
        clearAcceptance();
        status = treatmentStatus();
        flag(review);
        return voided;
    }

    /** 400 unless {@code expiresAt} is after {@code now}: an acceptance that has run out accepts nothing. */
    public static void requireFutureExpiry(OffsetDateTime expiresAt, OffsetDateTime now) {
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
    }

    /**
     * Accepts the residual risk until {@code expiresAt}, approved by someone who does not own it: compared by
     * stable id, so while the owner is known by name only nobody may approve (409), as the approver cannot be
     * told apart from them. Only a planned or treated risk that needs it (RETAIN, or above the appetite) is
     * accepted, until a time in the future at most the methodology's {@code maxAcceptanceDays} ahead, kept as
     * the instant it names in UTC; accepting an accepted risk again renews its acceptance.
     */
    public void accept(String approver, String approverId, String justification, OffsetDateTime expiresAt,
            Methodology m, OffsetDateTime at) {
        if (ownedBy(approverId, approver)) {
            throw new ForbiddenActionException("the approver of an acceptance may not be the risk's owner ("
                    + owner + "); another security officer or admin must approve");
        }
        if (ownerId == null) {
            // known by name only: who the owner is cannot be told apart from another account of that name yet
            throw new ConflictException("the risk's owner " + owner + " has not used the ISMS yet, so the"
                    + " approver cannot be told apart from them; accept once " + owner + " has signed in");
        }
        requireStatus(RiskStatus.ACCEPTED, RiskStatus.TREATMENT_PLANNED, RiskStatus.TREATED, RiskStatus.ACCEPTED);
        if (!needsAcceptance()) {
            throw new ConflictException("there is nothing to accept: the risk stands at " + level
                    + ", within the appetite, and its treatment option is " + treatmentOption);
        }
        requireFutureExpiry(expiresAt, at);
        int cap = m.acceptanceCapDays();
        OffsetDateTime latest = at.plusDays(cap);
        if (expiresAt.isAfter(latest)) {
            throw new InvalidInputException("expiresAt", "must be at most " + cap + " days ahead (the methodology's"
                    + " maxAcceptanceDays), by " + latest.truncatedTo(ChronoUnit.SECONDS) + "; accept again then");
        }
        acceptanceApprover = approver;
        acceptanceApproverId = approverId;
        acceptanceJustification = justification.strip();
        // UTC, to the microsecond the database keeps: this answer shows what every later read shows
        acceptanceExpiresAt = expiresAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        acceptedAt = at;
        status = RiskStatus.ACCEPTED;
    }

    /**
     * The acceptance ran out: the risk goes back to treatment (TREATED when its plan is carried out and nothing
     * needs accepting) and is flagged for review. Only an accepted risk's acceptance expires.
     */
    public Expired expireAcceptance(OffsetDateTime at) {
        requireStatus(RiskStatus.TREATMENT_PLANNED, RiskStatus.ACCEPTED);
        OffsetDateTime expiredAt = acceptanceExpiresAt;
        ReviewReason review = new ReviewReason(ReviewReason.Kind.ACCEPTANCE_EXPIRED, "acceptance by "
                + acceptanceApprover + " expired at " + expiredAt, at, null, null);
        clearAcceptance();
        status = RiskStatus.TREATMENT_PLANNED;
        status = treatmentStatus();
        flag(review);
        return new Expired(expiredAt, review);
    }

    /** Closes a risk that no longer applies, from any open status, with the reason; CLOSED is final. */
    public void close(String reason) {
        requireStatus(RiskStatus.CLOSED, RiskStatus.IDENTIFIED, RiskStatus.ASSESSED, RiskStatus.TREATMENT_PLANNED,
                RiskStatus.TREATED, RiskStatus.ACCEPTED);
        status = RiskStatus.CLOSED;
        closedReason = reason.strip();
    }

    /** 409 unless the risk may move to {@code to} from where it is (staying put counts when listed in {@code from}). */
    private void requireStatus(RiskStatus to, RiskStatus... from) {
        boolean allowed = false;
        for (RiskStatus s : from) {
            allowed |= s == status;
        }
        if (!allowed || (status != to && !status.next().contains(to))) {
            throw new InvalidStateTransitionException("risk", status, to, status.next());
        }
    }

    public Rating inherent() {
        return inherentLikelihood == null ? null
                : new Rating(inherentLikelihood, inherentImpact, inherentScore, inherentLevel);
    }

    public Rating residual() {
        return residualLikelihood == null ? null
                : new Rating(residualLikelihood, residualImpact, residualScore, residualLevel);
    }

    public void setInherent(Rating r) {
        inherentLikelihood = r.likelihood();
        inherentImpact = r.impact();
        inherentScore = r.score();
        inherentLevel = r.level();
    }

    public void setResidual(Rating r) {
        residualLikelihood = r == null ? null : r.likelihood();
        residualImpact = r == null ? null : r.impact();
        residualScore = r == null ? null : r.score();
        residualLevel = r == null ? null : r.level();
    }

    /** Re-rates both assessments under {@code m} and sets the current level; false when nothing moved. */
    public boolean rate(Methodology m, int methodologyVersion) {
        RiskLevel before = level;
        RiskLevel inherentBefore = inherentLevel;
        RiskLevel residualBefore = residualLevel;
        boolean aboveBefore = aboveAppetite;
        if (inherentLikelihood != null) {
            setInherent(m.rate(inherentLikelihood, inherentImpact));
        }
        if (residualLikelihood != null) {
            setResidual(m.rate(residualLikelihood, residualImpact));
        }
        level = residualLevel != null ? residualLevel : inherentLevel;
        aboveAppetite = m.aboveAppetite(level);
        this.methodologyVersion = methodologyVersion;
        return before != level || inherentBefore != inherentLevel || residualBefore != residualLevel
                || aboveBefore != aboveAppetite;
    }

    /** Whether an acceptance is what this risk needs: the option is RETAIN or the level exceeds the appetite. */
    public boolean needsAcceptance() {
        return treatmentOption == TreatmentOption.RETAIN || aboveAppetite;
    }

    /**
     * The status a treated risk stands at: TREATED when the option is carried out (every plan item done,
     * not RETAIN) and nothing needs accepting, else TREATMENT_PLANNED. An acceptance is kept while it covers.
     */
    public RiskStatus treatmentStatus() {
        if (status == RiskStatus.ACCEPTED && acceptanceApprover != null) {
            return RiskStatus.ACCEPTED;
        }
        List<PlanItem> plan = plan();
        boolean done = treatmentOption != TreatmentOption.RETAIN && !plan.isEmpty()
                && plan.stream().allMatch(p -> p.status() == PlanItem.Status.DONE);
        return done && !needsAcceptance() ? RiskStatus.TREATED : RiskStatus.TREATMENT_PLANNED;
    }

    private void clearAcceptance() {
        acceptanceApprover = null;
        acceptanceApproverId = null;
        acceptanceJustification = null;
        acceptanceExpiresAt = null;
        acceptedAt = null;
    }
}
