package org.isms.platform.error;

import java.util.List;

/** 400: input that passed the syntax checks but is wrong in domain terms (an unknown asset, a bad page size). */
public class InvalidInputException extends ProblemException {
    public InvalidInputException(String field, String message) {
        super(400, "validation", "Invalid input", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }
}
