package org.isms.platform.error;

import java.util.List;

/** 400: input that passed the syntax checks but is wrong in domain terms (an unknown asset, a bad page size). */
public class InvalidInputException extends ProblemException {
    public InvalidInputException(String field, String message) {
        super(400, "validation", "Invalid input", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** Several faults at once (a form, an uploaded file): {@code detail} sums them up, {@code errors} lists them. */
    public InvalidInputException(String detail, List<Problem.FieldError> errors) {
        super(400, "validation", "Invalid input", detail, errors);
    }
}
