package org.isms.platform.error;

/** 428: a change was sent without If-Match; send the ETag of the version you read. */
public class PreconditionRequiredException extends ProblemException {
    public PreconditionRequiredException() {
        super(428, "precondition-required", "Precondition required",
                "send If-Match with the ETag of the version you read; changes without it are refused", null);
    }
}
