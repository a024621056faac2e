package org.isms.platform.events;

import io.smallrye.mutiny.Uni;
import org.isms.events.EventEnvelope;
import org.isms.events.Topics;

/**
 * What a service does with the events of one topic. Its {@code @Incoming} method hands each record to
 * {@link EventConsumers#consume}, which reads it, checks who sent it, applies {@link #apply} once per event
 * (the inbox), retries what may pass and dead-letters what never can; a DLQ replay finds the handler by
 * its topic.
 */
public interface EventHandler {

    /** The inbox consumer name, e.g. {@code risk-service.asset-projection}: processed events are recorded under it. */
    String consumer();

    /** The topic it reads. */
    String topic();

    /** The only {@code ce_source} accepted: the topic's owning service. */
    default String source() {
        return Topics.ownerOf(topic());
    }

    /** Whether this version knows the type; other types are skipped (a newer producer's, not ours to refuse). */
    boolean handles(String type);

    /**
     * The effect of one event, inside the inbox's transaction. Throw {@link org.isms.events.MalformedEventException}
     * for an event that can never be applied (it goes to the dead-letter topic); anything else is retried.
     */
    Uni<Void> apply(EventEnvelope event);
}
