package org.isms.platform.error;

/** 412: If-Match names another version than the current one: someone changed the resource meanwhile. */
public class PreconditionFailedException extends ProblemException {
    public PreconditionFailedException(String detail) {
        super(412, "precondition-failed", "Precondition failed", detail, null);
    }
}
