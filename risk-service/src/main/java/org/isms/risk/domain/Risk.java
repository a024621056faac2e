package org.isms.risk.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.isms.risk.domain.Methodology.Rating;

/**
 * An entry of the risk register. Levels are always those of the tenant's current methodology
 * ({@code methodologyVersion}); {@code level} is where the risk stands now (residual once assessed,
 * else inherent) and {@code aboveAppetite} compares it with the appetite.
 */
@Entity
public class Risk {
    private static final TypeReference<List<PlanItem>> PLAN = new TypeReference<>() {
    };
    private static final TypeReference<List<ReviewReason>> REASONS = new TypeReference<>() {
    };

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
    public String treatmentPlan;
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
    public String reviewReasons;
    public LocalDate nextReviewDue;
    public LocalDate overdueFlaggedFor;
    public String lastReviewedBy;
    public String lastReviewedById;
    public OffsetDateTime lastReviewedAt;
    public String closedReason;
    public String createdBy;
    public String createdById;
    public OffsetDateTime createdAt;
    public String updatedBy;
    public String updatedById;
    public OffsetDateTime updatedAt;
    @Version
    public long version;
    /**
     * Set when this request bound the stable id of an owner named before they used the ISMS: a change of the
     * risk (it gets a new version) that the request must announce even if it changes nothing else.
     */
    @Transient
    public boolean ownerBound;

    public List<UUID> assets() {
        return Arrays.stream(assetIds).map(UUID::fromString).toList();
    }

    public List<PlanItem> plan() {
        return treatmentPlan == null ? List.of() : StoredJson.read(treatmentPlan, PLAN);
    }

    public void setPlan(List<PlanItem> items) {
        treatmentPlan = StoredJson.write(items);
        Set<String> controls = new LinkedHashSet<>();
        items.forEach(p -> controls.addAll(p.controlIds() == null ? List.of() : p.controlIds()));
        controlIds = controls.toArray(String[]::new);
    }

    public List<ReviewReason> reasons() {
        return StoredJson.read(reviewReasons, REASONS);
    }

    /** Asks for a review; the same cause (event) flags once. */
    public boolean flag(ReviewReason reason) {
        List<ReviewReason> all = new ArrayList<>(reasons());
        if (reason.causeEventId() != null
                && all.stream().anyMatch(r -> reason.causeEventId().equals(r.causeEventId()))) {
            return false;
        }
        all.add(reason);
        reviewReasons = StoredJson.write(all);
        reviewRequired = true;
        return true;
    }

    public void clearReview(String by, String byId, OffsetDateTime at) {
        reviewReasons = "[]";
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

    /** What an acceptance is an acceptance of, besides the assessment: who answers for the risk, and its scope. */
    public record Scope(String owner, String ownerId, Set<String> assets, Set<String> cia, UUID threatId,
            UUID vulnerabilityId) {

        /** What differs from {@code after}, in words ("owner alice→olivia", "affected properties C→CIA"). */
        public List<String> changesTo(Scope after) {
            List<String> changes = new ArrayList<>();
            if (!owner.equals(after.owner) || (ownerId != null && after.ownerId != null && !ownerId.equals(after.ownerId))) {
                changes.add("owner " + owner + "→" + after.owner);
            }
            if (!assets.equals(after.assets)) {
                changes.add("assets");
            }
            if (!cia.equals(after.cia)) {
                changes.add("affected properties " + String.join("", cia) + "→" + String.join("", after.cia));
            }
            if (!java.util.Objects.equals(threatId, after.threatId)) {
                changes.add("threat");
            }
            if (!java.util.Objects.equals(vulnerabilityId, after.vulnerabilityId)) {
                changes.add("vulnerability");
            }
            return changes;
        }
    }

    public Scope scope() {
        return new Scope(owner, ownerId, new LinkedHashSet<>(Arrays.asList(assetIds)),
                new LinkedHashSet<>(Arrays.asList(cia)), threatId, vulnerabilityId);
    }

    /** An acceptance voided: who had approved it, and the review it asks for. */
    public record Voided(String approver, String approverId, ReviewReason review) {
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
        Voided voided = new Voided(acceptanceApprover, acceptanceApproverId, review);
        clearAcceptance();
        status = treatmentStatus();
        flag(review);
        return voided;
    }

    /** Records an acceptance of the residual risk by an approver who does not own it (checked by the caller). */
    public void accept(String approver, String approverId, String justification, OffsetDateTime expiresAt,
            OffsetDateTime at) {
        acceptanceApprover = approver;
        acceptanceApproverId = approverId;
        acceptanceJustification = justification;
        acceptanceExpiresAt = expiresAt;
        acceptedAt = at;
        status = RiskStatus.ACCEPTED;
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

    public void clearAcceptance() {
        acceptanceApprover = null;
        acceptanceApproverId = null;
        acceptanceJustification = null;
        acceptanceExpiresAt = null;
        acceptedAt = null;
    }
}
