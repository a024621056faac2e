package org.isms.risk.domain;

/** The levels a methodology's matrix maps likelihood × impact to, lowest first. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    public boolean above(RiskLevel other) {
        return compareTo(other) > 0;
    }
}
