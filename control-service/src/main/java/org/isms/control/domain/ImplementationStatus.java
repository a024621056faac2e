package org.isms.control.domain;

/** How far a control's implementation has come. */
public enum ImplementationStatus {
    NOT_STARTED, PLANNED, PARTIAL, IMPLEMENTED
}
