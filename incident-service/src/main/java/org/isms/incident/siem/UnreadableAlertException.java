package org.isms.incident.siem;

/**
 * A document that is no alert of the format it was read as (or of any format, when detected): a 400 problem+json on
 * the webhook, a dead letter on Kafka. Its message says what is wrong, for the SIEM engineer who sent it.
 */
public class UnreadableAlertException extends RuntimeException {
    public UnreadableAlertException(String message) {
        super(message, null, false, false);
    }
}
