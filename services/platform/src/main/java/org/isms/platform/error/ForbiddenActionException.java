package org.isms.platform.error;

/**
 * 403 for a rule about this resource rather than about roles: a risk owner editing another owner's
 * risk, an approver accepting their own risk. The detail names the rule.
 */
public class ForbiddenActionException extends ProblemException {
    public ForbiddenActionException(String detail) {
        super(403, "forbidden", "Forbidden", detail, null);
    }
}
