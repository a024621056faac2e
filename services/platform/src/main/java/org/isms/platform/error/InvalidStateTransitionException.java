package org.isms.platform.error;

/** 409: a lifecycle transition that the current status does not allow. */
public class InvalidStateTransitionException extends ProblemException {
    public InvalidStateTransitionException(String resource, Object from, Object to, java.util.Collection<?> allowed) {
        super(409, "invalid-state-transition", "Invalid state transition",
                resource + " cannot go from " + from + " to " + to
                        + (allowed.isEmpty() ? "; no transition is allowed from " + from
                                : "; allowed from " + from + ": " + allowed),
                null);
    }
}
