package org.isms.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.tenancy.Caller;
import org.isms.risk.domain.Methodology.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of a risk through its cycle, without Quarkus or a database. */
class RiskTest {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T10:00:00Z");
    static final LocalDate TODAY = NOW.toLocalDate();
    static final Methodology M = Methodology.defaults();

    static Risk accepted() {
        Risk r = new Risk();
        r.id = UUID.randomUUID();
        r.owner = "alice";
        r.ownerId = "sub-alice";
        r.assetIds = new String[] { "a1" };
        r.cia = new String[] { "C" };
        r.controlIds = new String[0];
        r.reviewReasons = List.of();
        r.treatmentOption = TreatmentOption.RETAIN;
        r.setPlan(java.util.List.of());
        r.status = RiskStatus.TREATMENT_PLANNED;
        r.accept("ada", "sub-ada", "cheaper to live with", NOW.plusDays(30), M, NOW);
        return r;
    }

    /** Alice's risk on one asset, as the register records it. */
    static Risk identified() {
        Risk r = Risk.identified("acme", new Caller("acme", "sub-alice", "alice"), NOW);
        r.title = "Ransomware";
        r.owner = "alice";
        r.ownerId = "sub-alice";
        r.assetIds = new String[] { "a1" };
        r.cia = new String[] { "C" };
        return r;
    }

    /** A risk brought to {@code status} the way the register does: assessed 3×3 and retained, or 1×1 and carried out. */
    static Risk inStatus(RiskStatus status) {
        Risk r = identified();
        switch (status) {
            case IDENTIFIED -> {
            }
            case ASSESSED -> r.assess(M, 0, new Pair(3, 3), null, TODAY, NOW);
            case TREATMENT_PLANNED -> retained(r);
            case TREATED -> {
                r.assess(M, 0, new Pair(1, 1), null, TODAY, NOW);
                r.treat(TreatmentOption.MODIFY, List.of(item(PlanItem.Status.DONE, "8.8")), NOW);
            }
            case ACCEPTED -> {
                retained(r);
                r.accept("ada", "sub-ada", "cheaper to live with", NOW.plusDays(30), M, NOW);
            }
            case CLOSED -> r.close("gone");
        }
        assertThat(r.status).isEqualTo(status);
        return r;
    }

    static void retained(Risk r) {
        r.assess(M, 0, new Pair(3, 3), null, TODAY, NOW);
        r.treat(TreatmentOption.RETAIN, List.of(), NOW);
    }

    static PlanItem item(PlanItem.Status status, String... controls) {
        return new PlanItem("harden", "alice", TODAY.plusDays(90), status, List.of(controls));
    }

    @Test
    void shouldDecideOwnershipByIdOnceKnownAndByNameUntilThen() {
        Risk r = accepted();
        assertThat(r.ownedBy("sub-alice", "renamed")).isTrue();
        assertThat(r.ownedBy("sub-someone-else", "alice")).isFalse();
        r.ownerId = null;
        assertThat(r.ownedBy("sub-whoever", "alice")).isTrue();
        assertThat(r.ownedBy("sub-alice", "bob")).isFalse();
    }

    @Test
    void shouldNameEachChangeOfScope() {
        Risk r = accepted();
        RiskScope before = r.scope();
        r.owner = "olivia";
        r.ownerId = "sub-olivia";
        r.cia = new String[] { "C", "I", "A" };
        r.assetIds = new String[] { "a1", "a2" };
        r.threatId = UUID.randomUUID();
        assertThat(before.changesTo(r.scope())).containsExactly("owner alice→olivia", "assets",
                "affected properties C→CIA", "threat");
        assertThat(r.scope().changesTo(r.scope())).isEmpty();
        // the owner's id becoming known is not a change of owner
        r.ownerId = null;
        RiskScope pending = r.scope();
        r.ownerId = "sub-olivia";
        assertThat(pending.changesTo(r.scope())).isEmpty();
    }

    @Test
    void shouldVoidAnAcceptanceBackToTreatmentWithTheReasonFlagged() {
        Risk r = accepted();
        Risk.Voided voided = r.voidAcceptance("owner alice→olivia changed", NOW);
        assertThat(voided.approver()).isEqualTo("ada");
        assertThat(voided.approverId()).isEqualTo("sub-ada");
        assertThat(voided.review()).isEqualTo(r.reasons().get(0)); // the review it asks for is the one flagged
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.acceptanceApprover).isNull();
        assertThat(r.acceptanceApproverId).isNull();
        assertThat(r.acceptanceExpiresAt).isNull();
        assertThat(r.reviewRequired).isTrue();
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.kind()).isEqualTo(ReviewReason.Kind.ACCEPTANCE_VOIDED);
            assertThat(reason.reason()).isEqualTo("acceptance by ada voided: owner alice→olivia changed");
            assertThat(reason.at()).isEqualTo(NOW);
        });
        // nothing accepted: nothing to void
        assertThat(r.voidAcceptance("again", NOW)).isNull();
    }

    @Test
    void shouldCapAcceptancesByTheMethodology() {
        assertThat(Methodology.defaults().acceptanceCapDays()).isEqualTo(365);
        Methodology old = new Methodology(Methodology.defaults().likelihood(), Methodology.defaults().impact(),
                Methodology.defaults().matrix(), RiskLevel.MEDIUM, Methodology.defaults().reviewIntervalDays(), null);
        assertThat(old.acceptanceCapDays()).as("a version stored before the cap existed").isEqualTo(365);
        Methodology tooLong = new Methodology(old.likelihood(), old.impact(), old.matrix(), RiskLevel.MEDIUM,
                old.reviewIntervalDays(), 2000);
        assertThat(tooLong.faults()).extracting(f -> f.field()).containsExactly("maxAcceptanceDays");
    }

    // ------------------------------------------------------------------------------------------- assess

    @Test
    void shouldAssessAnIdentifiedRiskByTheMatrixAndDueItsReviewByTheLevel() {
        Risk r = identified();
        Risk.Assessed assessed = r.assess(M, 2, new Pair(4, 5), null, TODAY, NOW);
        assertThat(r.status).isEqualTo(RiskStatus.ASSESSED);
        assertThat(r.inherent()).isEqualTo(new Methodology.Rating(4, 5, 20, RiskLevel.CRITICAL));
        assertThat(r.level).isEqualTo(RiskLevel.CRITICAL);
        assertThat(r.aboveAppetite).isTrue();
        assertThat(r.methodologyVersion).isEqualTo(2);
        assertThat(r.nextReviewDue).isEqualTo(TODAY.plusDays(30));
        assertThat(assessed.before()).isNull();
        assertThat(assessed.voided()).isNull();
        // the residual level becomes the risk's level
        assessed = r.assess(M, 2, new Pair(4, 5), new Pair(2, 3), TODAY, NOW);
        assertThat(assessed.before()).isEqualTo(RiskLevel.CRITICAL);
        assertThat(r.level).isEqualTo(RiskLevel.MEDIUM);
        assertThat(r.aboveAppetite).isFalse();
        assertThat(r.nextReviewDue).isEqualTo(TODAY.plusDays(180));
    }

    @Test
    void shouldTakeTheProposedImpactWhenTheAssessmentGivesNone() {
        Risk r = identified();
        r.proposedImpact = 5;
        r.assess(M, 0, new Pair(4, null), null, TODAY, NOW);
        assertThat(r.inherentImpact).isEqualTo(5);
        assertThat(r.inherentScore).isEqualTo(20);
    }

    @Test
    void shouldRefuseAnAssessmentOffTheMethodologysScalesChangingNothing() {
        Risk r = identified();
        assertThatThrownBy(() -> r.assess(M, 3, new Pair(6, 3), new Pair(2, null), TODAY, NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("inherent.likelihood", "residual.impact"))
                .hasMessageStartingWith("the assessment does not fit the methodology (version 3): inherent.likelihood");
        // no impact given and none proposed
        assertThatThrownBy(() -> r.assess(M, 3, new Pair(3, null), null, TODAY, NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::message).containsExactly("must be given: the risk's assets propose none"));
        assertThat(r.status).isEqualTo(RiskStatus.IDENTIFIED);
        assertThat(r.inherentLikelihood).isNull();
        assertThat(r.level).isNull();
    }

    @ParameterizedTest
    @EnumSource(RiskStatus.class)
    void shouldAssessEveryOpenRiskAndNoClosedOne(RiskStatus from) {
        Risk r = inStatus(from);
        Pair same = r.inherentLikelihood == null ? new Pair(3, 3) : new Pair(r.inherentLikelihood, r.inherentImpact);
        if (from == RiskStatus.CLOSED) {
            assertThatThrownBy(() -> r.assess(M, 0, same, null, TODAY, NOW)).isInstanceOf(ConflictException.class)
                    .hasMessage("the risk is CLOSED and cannot be assessed");
            assertThat(r.inherentLikelihood).isNull();
            return;
        }
        r.assess(M, 0, same, null, TODAY, NOW);
        // the same numbers again: a treated or accepted risk stays where it is
        assertThat(r.status).isEqualTo(from == RiskStatus.IDENTIFIED ? RiskStatus.ASSESSED : from);
    }

    @Test
    void shouldKeepAnAcceptanceAssessedAgainAtTheSameNumbersAndVoidItAtOthers() {
        Risk r = inStatus(RiskStatus.ACCEPTED);
        assertThat(r.assess(M, 0, new Pair(3, 3), null, TODAY, NOW).voided()).isNull();
        assertThat(r.status).isEqualTo(RiskStatus.ACCEPTED);
        // the same level (MEDIUM), other numbers: what was accepted was 3×3
        Risk.Voided voided = r.assess(M, 0, new Pair(3, 2), null, TODAY, NOW).voided();
        assertThat(voided.reason()).isEqualTo("assessment changed L3×I3→L3×I2");
        assertThat(voided.approver()).isEqualTo("ada");
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.acceptanceApprover).isNull();
    }

    // -------------------------------------------------------------------------------------------- treat

    @ParameterizedTest
    @EnumSource(RiskStatus.class)
    void shouldTreatOnlyAnAssessedRiskThatIsNotClosed(RiskStatus from) {
        Risk r = inStatus(from);
        if (from == RiskStatus.IDENTIFIED || from == RiskStatus.CLOSED) {
            assertThatThrownBy(() -> r.treat(TreatmentOption.AVOID, List.of(), NOW))
                    .isInstanceOf(InvalidStateTransitionException.class)
                    .hasMessageStartingWith("risk cannot go from " + from + " to TREATMENT_PLANNED");
            assertThat(r.treatmentOption).isNotEqualTo(TreatmentOption.AVOID);
            assertThat(r.status).isEqualTo(from);
            return;
        }
        r.treat(TreatmentOption.AVOID, List.of(), NOW);
        assertThat(r.treatmentOption).isEqualTo(TreatmentOption.AVOID);
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED); // nothing carried out yet
    }

    @Test
    void shouldPlanATreatmentUntilItIsCarriedOutAndNothingNeedsAccepting() {
        Risk r = identified();
        r.assess(M, 0, new Pair(1, 1), null, TODAY, NOW);
        r.treat(TreatmentOption.MODIFY, List.of(item(PlanItem.Status.PLANNED, "8.5", "5.17"),
                item(PlanItem.Status.DONE, "8.15")), NOW);
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.controlIds).containsExactly("8.5", "5.17", "8.15");
        r.treat(TreatmentOption.MODIFY, List.of(item(PlanItem.Status.DONE, "8.5", "5.17"),
                item(PlanItem.Status.DONE, "8.15")), NOW);
        assertThat(r.status).isEqualTo(RiskStatus.TREATED);
        // carried out, but still above the appetite: it needs an acceptance, not a tick
        Risk high = identified();
        high.assess(M, 0, new Pair(5, 5), new Pair(4, 4), TODAY, NOW);
        high.treat(TreatmentOption.MODIFY, List.of(item(PlanItem.Status.DONE, "8.22")), NOW);
        assertThat(high.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
    }

    @Test
    void shouldRefuseControlsOutsideAnnexAAndModifyWithoutAPlan() {
        Risk r = inStatus(RiskStatus.ASSESSED);
        assertThatThrownBy(() -> r.treat(TreatmentOption.MODIFY, List.of(item(PlanItem.Status.PLANNED, "8.5", "8.35")),
                NOW)).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("plan[0].controlIds[1]"));
        assertThatThrownBy(() -> r.treat(TreatmentOption.MODIFY, List.of(), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("plan"));
        assertThat(r.treatmentOption).isNull();
        assertThat(r.status).isEqualTo(RiskStatus.ASSESSED);
    }

    @Test
    void shouldVoidAnAcceptanceOnAnotherPlanOnly() {
        Risk r = inStatus(RiskStatus.ACCEPTED);
        assertThat(r.treat(TreatmentOption.RETAIN, List.of(), NOW)).isNull();
        assertThat(r.status).isEqualTo(RiskStatus.ACCEPTED);
        Risk.Voided voided = r.treat(TreatmentOption.MODIFY, List.of(item(PlanItem.Status.PLANNED, "8.8")), NOW);
        assertThat(voided.reason()).isEqualTo("treatment plan changed (MODIFY)");
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.reasons()).extracting(ReviewReason::kind).containsExactly(ReviewReason.Kind.ACCEPTANCE_VOIDED);
    }

    // ------------------------------------------------------------------------------------------- accept

    @Test
    void shouldAcceptARetainedRiskUntilAnInstantKeptInUtc() {
        Risk r = inStatus(RiskStatus.TREATMENT_PLANNED);
        OffsetDateTime until = NOW.plusDays(100).withOffsetSameInstant(ZoneOffset.ofHours(2));
        r.accept("ada", "sub-ada", "  cheaper to live with ", until, M, NOW);
        assertThat(r.status).isEqualTo(RiskStatus.ACCEPTED);
        assertThat(r.acceptanceApprover).isEqualTo("ada");
        assertThat(r.acceptanceApproverId).isEqualTo("sub-ada");
        assertThat(r.acceptanceJustification).isEqualTo("cheaper to live with");
        assertThat(r.acceptanceExpiresAt.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(r.acceptanceExpiresAt.toInstant()).isEqualTo(until.toInstant());
        assertThat(r.acceptedAt).isEqualTo(NOW);
    }

    @ParameterizedTest
    @EnumSource(value = RiskStatus.class, names = { "IDENTIFIED", "ASSESSED", "CLOSED" })
    void shouldRefuseAcceptanceBeforeATreatmentPlanOrOnceClosed(RiskStatus from) {
        Risk r = inStatus(from);
        r.treatmentOption = TreatmentOption.RETAIN; // it would need one, were it planned
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW.plusDays(30), M, NOW))
                .isInstanceOf(InvalidStateTransitionException.class)
                .hasMessageStartingWith("risk cannot go from " + from + " to ACCEPTED");
        assertThat(r.status).isEqualTo(from);
        assertThat(r.acceptanceApprover).isNull();
    }

    @Test
    void shouldRefuseAcceptanceOfClosedRisk() {
        Risk r = inStatus(RiskStatus.TREATMENT_PLANNED);
        r.close("the system is gone");
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW.plusDays(30), M, NOW))
                .isInstanceOf(InvalidStateTransitionException.class)
                .hasMessageContaining("no transition is allowed from CLOSED");
        assertThat(r.status).isEqualTo(RiskStatus.CLOSED);
        assertThat(r.acceptanceApprover).isNull();
    }

    @Test
    void shouldRefuseAcceptanceWithoutBoundOwner() {
        Risk r = inStatus(RiskStatus.TREATMENT_PLANNED);
        r.ownerId = null; // named before they used the ISMS
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW.plusDays(30), M, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("the risk's owner alice has not used the ISMS yet");
        // by the name alone the owner would approve their own risk: that stays forbidden
        assertThatThrownBy(() -> r.accept("alice", "sub-any", "j", NOW.plusDays(30), M, NOW))
                .isInstanceOf(ForbiddenActionException.class);
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.acceptanceApprover).isNull();
    }

    @Test
    void shouldRefuseAcceptanceByTheOwnerWhateverTheirNameNow() {
        Risk r = inStatus(RiskStatus.TREATMENT_PLANNED);
        assertThatThrownBy(() -> r.accept("alice.renamed", "sub-alice", "j", NOW.plusDays(30), M, NOW))
                .isInstanceOf(ForbiddenActionException.class)
                .hasMessageContaining("may not be the risk's owner (alice)");
        assertThat(r.acceptanceApprover).isNull();
        // another account that carries the name now is not the owner
        r.accept("alice", "sub-another", "j", NOW.plusDays(30), M, NOW);
        assertThat(r.status).isEqualTo(RiskStatus.ACCEPTED);
    }

    @Test
    void shouldRefuseAcceptanceWhenNothingNeedsAccepting() {
        Risk r = inStatus(RiskStatus.TREATED);
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW.plusDays(30), M, NOW))
                .isInstanceOf(ConflictException.class)
                .hasMessage("there is nothing to accept: the risk stands at LOW, within the appetite, and its"
                        + " treatment option is MODIFY");
        assertThat(r.status).isEqualTo(RiskStatus.TREATED);
    }

    @Test
    void shouldRefuseAnAcceptanceRunOutAlreadyOrBeyondTheMethodologysCap() {
        Risk r = inStatus(RiskStatus.TREATMENT_PLANNED);
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW, M, NOW))
                .isInstanceOf(InvalidInputException.class).hasMessage("expiresAt: must be in the future");
        assertThatThrownBy(() -> Risk.requireFutureExpiry(NOW.minusDays(1), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessage("expiresAt: must be in the future");
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW.plusDays(366), M, NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("expiresAt"))
                .hasMessageContaining("at most 365 days ahead");
        Methodology month = new Methodology(M.likelihood(), M.impact(), M.matrix(), M.appetite(),
                M.reviewIntervalDays(), 30);
        assertThatThrownBy(() -> r.accept("ada", "sub-ada", "j", NOW.plusDays(31), month, NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 30 days ahead");
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.acceptanceApprover).isNull();
        r.accept("ada", "sub-ada", "j", NOW.plusDays(30), month, NOW);
        assertThat(r.status).isEqualTo(RiskStatus.ACCEPTED);
    }

    // ------------------------------------------------------------------------------ expire, review, close

    @Test
    void shouldExpireAnAcceptanceBackToTreatmentFlagged() {
        Risk r = inStatus(RiskStatus.ACCEPTED);
        OffsetDateTime expiry = r.acceptanceExpiresAt;
        Risk.Expired expired = r.expireAcceptance(NOW.plusDays(31));
        assertThat(expired.expiredAt()).isEqualTo(expiry);
        assertThat(expired.review().reason()).isEqualTo("acceptance by ada expired at " + expiry);
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.acceptanceApprover).isNull();
        assertThat(r.acceptanceExpiresAt).isNull();
        assertThat(r.reviewRequired).isTrue();
        assertThat(r.reasons()).containsExactly(expired.review());
        assertThat(expired.review().kind()).isEqualTo(ReviewReason.Kind.ACCEPTANCE_EXPIRED);
    }

    @Test
    void shouldRefuseToExpireWhatIsNotAccepted() {
        Risk r = inStatus(RiskStatus.TREATMENT_PLANNED);
        assertThatThrownBy(() -> r.expireAcceptance(NOW)).isInstanceOf(InvalidStateTransitionException.class);
        assertThat(r.reviewRequired).isFalse();
    }

    @Test
    void shouldReviewClearingTheFlagsAndDueTheNextReviewByTheLevel() {
        Risk r = inStatus(RiskStatus.ASSESSED); // MEDIUM: every 180 days
        r.flagOverdueReview(NOW);
        r.review("olivia", "sub-olivia", M, TODAY.plusDays(10), NOW.plusDays(10));
        assertThat(r.reviewRequired).isFalse();
        assertThat(r.reasons()).isEmpty();
        assertThat(r.lastReviewedBy).isEqualTo("olivia");
        assertThat(r.lastReviewedById).isEqualTo("sub-olivia");
        assertThat(r.lastReviewedAt).isEqualTo(NOW.plusDays(10));
        assertThat(r.nextReviewDue).isEqualTo(TODAY.plusDays(190));
        // not assessed: reviewed, but no level to due the next review by
        Risk identified = identified();
        identified.review("olivia", "sub-olivia", M, TODAY, NOW);
        assertThat(identified.nextReviewDue).isNull();
        Risk closed = inStatus(RiskStatus.CLOSED);
        assertThatThrownBy(() -> closed.review("olivia", "sub-olivia", M, TODAY, NOW))
                .isInstanceOf(ConflictException.class).hasMessage("the risk is CLOSED and cannot be reviewed");
        assertThat(closed.lastReviewedBy).isNull();
    }

    @Test
    void shouldFlagAnOverdueReviewForItsDueDate() {
        Risk r = inStatus(RiskStatus.ASSESSED);
        LocalDate due = r.nextReviewDue;
        ReviewReason reason = r.flagOverdueReview(NOW.plusDays(200));
        assertThat(reason.kind()).isEqualTo(ReviewReason.Kind.REVIEW_OVERDUE);
        assertThat(reason.reason()).isEqualTo("review overdue since " + due);
        assertThat(reason.at()).isEqualTo(NOW.plusDays(200));
        assertThat(r.overdueFlaggedFor).isEqualTo(due);
        assertThat(r.reviewRequired).isTrue();
        assertThat(r.reasons()).containsExactly(reason);
    }

    @ParameterizedTest
    @EnumSource(RiskStatus.class)
    void shouldCloseFromEveryOpenStatusAndNeverAgain(RiskStatus from) {
        Risk r = inStatus(from);
        if (from == RiskStatus.CLOSED) {
            assertThatThrownBy(() -> r.close("again")).isInstanceOf(InvalidStateTransitionException.class)
                    .hasMessageContaining("no transition is allowed from CLOSED");
            assertThat(r.closedReason).isEqualTo("gone");
            return;
        }
        r.close("  asset decommissioned ");
        assertThat(r.status).isEqualTo(RiskStatus.CLOSED);
        assertThat(r.closedReason).isEqualTo("asset decommissioned");
        assertThat(r.status.next()).isEmpty();
    }

    @Test
    void shouldVoidAnAcceptanceWhenRescopedAndOnlyThen() {
        Risk r = inStatus(RiskStatus.ACCEPTED);
        RiskScope before = r.scope();
        r.title = "Ransomware, renamed";
        r.description = "clearer now";
        assertThat(r.rescoped(before, NOW)).isNull();
        assertThat(r.status).isEqualTo(RiskStatus.ACCEPTED);
        r.assetIds = new String[] { "a1", "a2" };
        r.cia = new String[] { "C", "A" };
        Risk.Voided voided = r.rescoped(before, NOW);
        assertThat(voided.reason()).isEqualTo("assets, affected properties C→CA changed");
        assertThat(r.status).isEqualTo(RiskStatus.TREATMENT_PLANNED);
        assertThat(r.reasons()).singleElement().extracting(ReviewReason::reason)
                .isEqualTo("acceptance by ada voided: assets, affected properties C→CA changed");
    }
}
