package org.isms.platform.error;

/** 409: the request conflicts with the current state (a duplicate, a cycle, a resource still in use). */
public class ConflictException extends ProblemException {
    public ConflictException(String detail) {
        super(409, "conflict", "Conflict", detail, null);
    }
}
