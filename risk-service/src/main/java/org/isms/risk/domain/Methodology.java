package org.isms.risk.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.isms.platform.error.Problem.FieldError;

/**
 * A tenant's risk assessment method (ISO/IEC 27001 6.1.2): the likelihood and impact scales, the matrix
 * that maps likelihood × impact to a level ({@code matrix.get(likelihood - 1).get(impact - 1)}), the
 * appetite (the highest level that may be retained without treatment), the review interval per level and
 * how far ahead an acceptance may run ({@code maxAcceptanceDays}; a stored version without it has the default).
 * Score is likelihood × impact; the level comes from the matrix, never from the score.
 */
public record Methodology(List<ScaleLevel> likelihood, List<ScaleLevel> impact, List<List<RiskLevel>> matrix,
        RiskLevel appetite, Map<RiskLevel, Integer> reviewIntervalDays, Integer maxAcceptanceDays,
        ControlEffect controlEffect) {
    public static final int MIN_LEVELS = 3;
    public static final int MAX_LEVELS = 5;
    public static final int MAX_INTERVAL_DAYS = 1095;
    /** An acceptance runs for a year at most unless the methodology says otherwise (never more than three). */
    public static final int DEFAULT_ACCEPTANCE_DAYS = 365;
    public static final int MAX_ACCEPTANCE_DAYS = 1095;

    /** A definition without its own control effect: the default one applies ({@link #effect()}). */
    public Methodology(List<ScaleLevel> likelihood, List<ScaleLevel> impact, List<List<RiskLevel>> matrix,
            RiskLevel appetite, Map<RiskLevel, Integer> reviewIntervalDays, Integer maxAcceptanceDays) {
        this(likelihood, impact, matrix, appetite, reviewIntervalDays, maxAcceptanceDays, null);
    }

    /**
     * How the effectiveness of the controls a risk's treatment relies on lowers its likelihood in the proposed
     * residual: each EFFECTIVE control by {@code effective} levels, each PARTIALLY_EFFECTIVE one by
     * {@code partiallyEffective}; the sum is rounded down. Controls not assessed or ineffective lower nothing, nor does
     * one excluded from the SoA or not implemented at least in part ({@link ResidualProposal}).
     */
    public record ControlEffect(double effective, double partiallyEffective) {
        /** One level per effective control, half a level per partially effective one. */
        public static final ControlEffect DEFAULT = new ControlEffect(1.0, 0.5);
    }

    /** The control effect of this methodology; the default one when a stored version has none. */
    public ControlEffect effect() {
        return controlEffect == null ? ControlEffect.DEFAULT : controlEffect;
    }

    /**
     * The residual rating the controls' effectiveness proposes for a risk rated {@code inherent}: the inherent
     * likelihood lowered by the controls' effect ({@link ControlEffect}), never below 1; the impact stays (the
     * controls of Annex A mostly make an event less likely; an owner who finds one limits the impact says so in the
     * assessed residual). {@code effectiveness} has one entry per control relied on. Null without an inherent rating.
     */
    public Rating proposeResidual(Rating inherent, java.util.Collection<String> effectiveness) {
        if (inherent == null) {
            return null;
        }
        ControlEffect e = effect();
        double lowered = 0;
        for (String result : effectiveness) {
            if ("EFFECTIVE".equals(result)) {
                lowered += e.effective();
            } else if ("PARTIALLY_EFFECTIVE".equals(result)) {
                lowered += e.partiallyEffective();
            }
        }
        int likelihood = Math.max(1, inherent.likelihood() - (int) Math.floor(lowered + 1e-9));
        return rate(likelihood, inherent.impact());
    }

    /** One step of a scale: its number (1 = lowest), a short label and what it means. */
    public record ScaleLevel(int level, String label, String description) {
    }

    /** An assessed pair, with its score and level under this methodology. */
    public record Rating(int likelihood, int impact, int score, RiskLevel level) {
    }

    /** A likelihood and an impact as a client gives them, unrated; impact may be null for the proposal. */
    public record Pair(Integer likelihood, Integer impact) {
    }

    public Rating rate(int l, int i) {
        return new Rating(l, i, l * i, matrix.get(l - 1).get(i - 1));
    }

    public boolean hasLikelihood(int l) {
        return l >= 1 && l <= likelihood.size();
    }

    public boolean hasImpact(int i) {
        return i >= 1 && i <= impact.size();
    }

    /**
     * Adds to {@code faults} what keeps the pair given for {@code field} ("inherent", "residual") from being
     * rated: each number must be a level of its scale. An impact of 0 is one neither given nor proposed by the
     * risk's assets.
     */
    public void check(String field, Integer likelihood, int impact, List<FieldError> faults) {
        if (likelihood == null || !hasLikelihood(likelihood)) {
            faults.add(new FieldError(field + ".likelihood", "must be a level of the likelihood scale (1 to "
                    + likelihood().size() + ")", null));
        }
        if (!hasImpact(impact)) {
            faults.add(new FieldError(field + ".impact", impact == 0
                    ? "must be given: the risk's assets propose none"
                    : "must be a level of the impact scale (1 to " + impact().size() + ")", null));
        }
    }

    public boolean aboveAppetite(RiskLevel level) {
        return level != null && level.above(appetite);
    }

    public LocalDate reviewDue(RiskLevel level, LocalDate from) {
        return from.plusDays(reviewIntervalDays.get(level));
    }

    /** How many days ahead an acceptance may expire at most. */
    public int acceptanceCapDays() {
        return maxAcceptanceDays == null ? DEFAULT_ACCEPTANCE_DAYS : maxAcceptanceDays;
    }

    /**
     * The impact an asset rating (1–4, the inventory's CIA scale) stands for on this impact scale: the
     * rating's share of its scale, rounded up, so the highest rating is always the highest impact.
     */
    public int impactFor(int assetRating) {
        int n = impact.size();
        return Math.max(1, Math.min(n, (assetRating * n + 3) / 4));
    }

    /** Everything wrong with this definition, by field; empty when it can be used. */
    public List<FieldError> faults() {
        List<FieldError> faults = new ArrayList<>();
        scale("likelihood", likelihood, faults);
        scale("impact", impact, faults);
        if (appetite == null) {
            faults.add(new FieldError("appetite", "must be one of LOW, MEDIUM, HIGH, CRITICAL", null));
        }
        if (reviewIntervalDays == null) {
            faults.add(new FieldError("reviewIntervalDays", "must give days for LOW, MEDIUM, HIGH and CRITICAL", null));
        } else {
            for (RiskLevel level : RiskLevel.values()) {
                Integer days = reviewIntervalDays.get(level);
                if (days == null || days < 1 || days > MAX_INTERVAL_DAYS) {
                    faults.add(new FieldError("reviewIntervalDays." + level,
                            "must be between 1 and " + MAX_INTERVAL_DAYS + " days", null));
                }
            }
        }
        if (maxAcceptanceDays != null && (maxAcceptanceDays < 1 || maxAcceptanceDays > MAX_ACCEPTANCE_DAYS)) {
            faults.add(new FieldError("maxAcceptanceDays", "must be between 1 and " + MAX_ACCEPTANCE_DAYS + " days", null));
        }
        if (controlEffect != null && (!(controlEffect.effective() >= 0 && controlEffect.effective() <= MAX_LEVELS)
                || !(controlEffect.partiallyEffective() >= 0
                        && controlEffect.partiallyEffective() <= controlEffect.effective()))) {
            faults.add(new FieldError("controlEffect", "effective must be between 0 and " + MAX_LEVELS
                    + " levels, partiallyEffective between 0 and effective", null));
        }
        if (faults.isEmpty()) {
            matrix(faults);
        }
        return faults;
    }

    private static void scale(String field, List<ScaleLevel> scale, List<FieldError> faults) {
        if (scale == null || scale.size() < MIN_LEVELS || scale.size() > MAX_LEVELS) {
            faults.add(new FieldError(field, "must have " + MIN_LEVELS + " to " + MAX_LEVELS + " levels", null));
            return;
        }
        for (int k = 0; k < scale.size(); k++) {
            ScaleLevel s = scale.get(k);
            if (s == null || s.level() != k + 1) {
                faults.add(new FieldError(field + "[" + k + "].level", "must be " + (k + 1) + " (levels count up from 1)", null));
            } else if (blank(s.label()) || s.label().length() > 50) {
                faults.add(new FieldError(field + "[" + k + "].label", "must be 1 to 50 characters", null));
            } else if (blank(s.description()) || s.description().length() > 500) {
                faults.add(new FieldError(field + "[" + k + "].description", "must be 1 to 500 characters", null));
            }
        }
    }

    /** The matrix must fit the scales, and a higher likelihood or impact may never give a lower level. */
    private void matrix(List<FieldError> faults) {
        if (matrix == null || matrix.size() != likelihood.size()) {
            faults.add(new FieldError("matrix", "must have one row per likelihood level (" + likelihood.size() + ")", null));
            return;
        }
        for (int l = 0; l < matrix.size(); l++) {
            List<RiskLevel> row = matrix.get(l);
            if (row == null || row.size() != impact.size() || row.stream().anyMatch(java.util.Objects::isNull)) {
                faults.add(new FieldError("matrix[" + l + "]", "must have one level per impact level (" + impact.size()
                        + "), each LOW, MEDIUM, HIGH or CRITICAL", null));
                return;
            }
        }
        for (int l = 0; l < matrix.size(); l++) {
            for (int i = 0; i < impact.size(); i++) {
                RiskLevel here = matrix.get(l).get(i);
                if ((l > 0 && matrix.get(l - 1).get(i).above(here)) || (i > 0 && matrix.get(l).get(i - 1).above(here))) {
                    faults.add(new FieldError("matrix[" + l + "][" + i + "]", "is lower than a cell with lower likelihood"
                            + " or impact; levels may not decrease as likelihood or impact grow", null));
                }
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The method a tenant starts with: 5×5, appetite MEDIUM, reviews yearly to monthly by level. */
    public static Methodology defaults() {
        List<ScaleLevel> likelihood = List.of(
                new ScaleLevel(1, "Rare", "May occur only in exceptional circumstances; less than once in 10 years"),
                new ScaleLevel(2, "Unlikely", "Could occur at some time; about once in 3 to 10 years"),
                new ScaleLevel(3, "Possible", "Might occur; about once in 1 to 3 years"),
                new ScaleLevel(4, "Likely", "Will probably occur; about once a year"),
                new ScaleLevel(5, "Almost certain", "Expected to occur several times a year"));
        List<ScaleLevel> impact = List.of(
                new ScaleLevel(1, "Negligible", "No noticeable effect on operations, customers or compliance"),
                new ScaleLevel(2, "Minor", "Limited, short disruption or exposure of internal information; easily recovered"),
                new ScaleLevel(3, "Moderate", "Disruption of a business process or exposure of confidential data; reportable internally"),
                new ScaleLevel(4, "Major", "Loss of a critical service for days, breach of personal data, regulatory notification"),
                new ScaleLevel(5, "Severe", "Threat to the organisation: prolonged outage, large breach, sanctions, lasting reputational damage"));
        RiskLevel l = RiskLevel.LOW, m = RiskLevel.MEDIUM, h = RiskLevel.HIGH, c = RiskLevel.CRITICAL;
        List<List<RiskLevel>> matrix = List.of(
                List.of(l, l, l, m, m),
                List.of(l, l, m, m, h),
                List.of(l, m, m, h, h),
                List.of(m, m, h, h, c),
                List.of(m, h, h, c, c));
        Map<RiskLevel, Integer> intervals = new EnumMap<>(RiskLevel.class);
        intervals.put(RiskLevel.LOW, 365);
        intervals.put(RiskLevel.MEDIUM, 180);
        intervals.put(RiskLevel.HIGH, 90);
        intervals.put(RiskLevel.CRITICAL, 30);
        return new Methodology(likelihood, impact, matrix, RiskLevel.MEDIUM, intervals, DEFAULT_ACCEPTANCE_DAYS,
                ControlEffect.DEFAULT);
    }
}
