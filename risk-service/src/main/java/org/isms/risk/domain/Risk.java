package org.isms.risk.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
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
    public String owner;
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
    public OffsetDateTime lastReviewedAt;
    public String closedReason;
    public String createdBy;
    public OffsetDateTime createdAt;
    public String updatedBy;
    public OffsetDateTime updatedAt;
    @Version
    public long version;

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

    public void clearReview(String by, OffsetDateTime at) {
        reviewReasons = "[]";
        reviewRequired = false;
        lastReviewedBy = by;
        lastReviewedAt = at;
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
        acceptanceJustification = null;
        acceptanceExpiresAt = null;
        acceptedAt = null;
    }
}
