package org.isms.platform.error;

import java.util.List;

/**
 * A domain error that becomes a problem+json answer. Use the subclasses; each has one status and one
 * stable type. The detail is shown to the client, so it must say what is wrong in the client's terms
 * and carry nothing internal.
 */
public abstract class ProblemException extends RuntimeException {
    private final int status;
    private final String kind;
    private final String title;
    private final List<Problem.FieldError> errors;

    protected ProblemException(int status, String kind, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    /** The last part of the type URI, e.g. {@code not-found}. */
    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
