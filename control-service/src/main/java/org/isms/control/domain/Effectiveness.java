package org.isms.control.domain;

/** What the last assessment found of a control's effectiveness (NOT_ASSESSED until one is recorded). */
public enum Effectiveness {
    NOT_ASSESSED, EFFECTIVE, PARTIALLY_EFFECTIVE, INEFFECTIVE
}
