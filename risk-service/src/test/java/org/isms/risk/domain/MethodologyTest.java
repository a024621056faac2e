package org.isms.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.isms.platform.error.Problem.FieldError;
import org.isms.risk.domain.Methodology.Rating;
import org.junit.jupiter.api.Test;

/** How a methodology rates and checks a likelihood × impact pair, without Quarkus or a database. */
class MethodologyTest {
    final Methodology m = Methodology.defaults();

    /** 3×3, appetite LOW. */
    static Methodology small() {
        Methodology d = Methodology.defaults();
        RiskLevel l = RiskLevel.LOW, md = RiskLevel.MEDIUM, h = RiskLevel.HIGH, c = RiskLevel.CRITICAL;
        return new Methodology(d.likelihood().subList(0, 3), d.impact().subList(0, 3),
                List.of(List.of(l, l, md), List.of(l, md, h), List.of(md, h, c)), RiskLevel.LOW,
                d.reviewIntervalDays(), null);
    }

    @Test
    void shouldRateAPairToTheLevelOfItsMatrixCellNotByItsScore() {
        assertThat(m.rate(4, 5)).isEqualTo(new Rating(4, 5, 20, RiskLevel.CRITICAL));
        // the same score, two levels: the matrix decides
        assertThat(m.rate(2, 2)).isEqualTo(new Rating(2, 2, 4, RiskLevel.LOW));
        assertThat(m.rate(1, 4)).isEqualTo(new Rating(1, 4, 4, RiskLevel.MEDIUM));
        assertThat(small().rate(3, 3)).isEqualTo(new Rating(3, 3, 9, RiskLevel.CRITICAL));
    }

    @Test
    void shouldPutOnlyLevelsAboveTheAppetiteAboveIt() {
        assertThat(m.appetite()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(m.aboveAppetite(RiskLevel.CRITICAL)).isTrue();
        assertThat(m.aboveAppetite(RiskLevel.HIGH)).isTrue();
        assertThat(m.aboveAppetite(RiskLevel.MEDIUM)).as("the appetite itself may be retained").isFalse();
        assertThat(m.aboveAppetite(RiskLevel.LOW)).isFalse();
        assertThat(m.aboveAppetite(null)).as("not assessed yet").isFalse();
        // the appetite is the methodology's own
        assertThat(small().aboveAppetite(RiskLevel.MEDIUM)).isTrue();
    }

    @Test
    void shouldFindNothingWrongWithAPairOnTheScales() {
        List<FieldError> faults = new ArrayList<>();
        m.check("inherent", 1, 1, faults);
        m.check("residual", 5, 5, faults);
        assertThat(faults).isEmpty();
    }

    @Test
    void shouldRefuseAPairOutsideTheMatrix() {
        List<FieldError> faults = new ArrayList<>();
        m.check("inherent", 6, 0, faults);
        m.check("residual", null, 9, faults);
        assertThat(faults).extracting(FieldError::field)
                .containsExactly("inherent.likelihood", "inherent.impact", "residual.likelihood", "residual.impact");
        assertThat(faults).extracting(FieldError::message).containsExactly(
                "must be a level of the likelihood scale (1 to 5)",
                "must be given: the risk's assets propose none",
                "must be a level of the likelihood scale (1 to 5)",
                "must be a level of the impact scale (1 to 5)");
    }

    @Test
    void shouldCheckAPairAgainstTheScalesOfItsOwnMethodology() {
        Methodology small = small();
        assertThat(small.faults()).as("a usable methodology").isEmpty();
        List<FieldError> faults = new ArrayList<>();
        small.check("inherent", 4, 3, faults);
        small.check("residual", 3, 4, faults);
        assertThat(faults).extracting(FieldError::message).containsExactly(
                "must be a level of the likelihood scale (1 to 3)", "must be a level of the impact scale (1 to 3)");
        // what the default scales allow
        m.check("inherent", 4, 4, faults);
        assertThat(faults).hasSize(2);
    }

    @Test
    void shouldDueTheNextReviewByTheLevel() {
        LocalDate from = LocalDate.of(2026, 6, 1);
        assertThat(m.reviewDue(RiskLevel.CRITICAL, from)).isEqualTo(from.plusDays(30));
        assertThat(m.reviewDue(RiskLevel.LOW, from)).isEqualTo(from.plusDays(365));
    }

    @Test
    void shouldLowerTheProposedResidualsLikelihoodByItsControlsEffect() {
        Rating inherent = m.rate(4, 4);
        // one level per effective control, half per partially effective one, rounded down; impact stays
        assertThat(m.proposeResidual(inherent, List.of("EFFECTIVE"))).isEqualTo(m.rate(3, 4));
        assertThat(m.proposeResidual(inherent, List.of("EFFECTIVE", "PARTIALLY_EFFECTIVE"))).isEqualTo(m.rate(3, 4));
        assertThat(m.proposeResidual(inherent, List.of("PARTIALLY_EFFECTIVE", "PARTIALLY_EFFECTIVE")))
                .isEqualTo(m.rate(3, 4));
        // controls not assessed or ineffective lower nothing; nothing goes below the scale
        assertThat(m.proposeResidual(inherent, List.of("INEFFECTIVE", "NOT_ASSESSED"))).isEqualTo(inherent);
        assertThat(m.proposeResidual(inherent, List.of("EFFECTIVE", "EFFECTIVE", "EFFECTIVE", "EFFECTIVE", "EFFECTIVE")))
                .isEqualTo(m.rate(1, 4));
        assertThat(m.proposeResidual(null, List.of("EFFECTIVE"))).isNull();
        // a stored version without a control effect has the default one
        assertThat(small().effect()).isEqualTo(Methodology.ControlEffect.DEFAULT);
        Methodology strict = new Methodology(m.likelihood(), m.impact(), m.matrix(), m.appetite(),
                m.reviewIntervalDays(), null, new Methodology.ControlEffect(0.5, 0.25));
        assertThat(strict.proposeResidual(inherent, List.of("EFFECTIVE"))).isEqualTo(inherent);
        assertThat(strict.faults()).isEmpty();
        Methodology wrong = new Methodology(m.likelihood(), m.impact(), m.matrix(), m.appetite(),
                m.reviewIntervalDays(), null, new Methodology.ControlEffect(0.5, 1.0));
        assertThat(wrong.faults()).extracting(f -> f.field()).containsExactly("controlEffect");
    }
}
