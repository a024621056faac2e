package org.isms.risk.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.Topics;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;
import org.isms.risk.service.IncidentFlags;

/**
 * Flags the risks of the assets incidents hit, from {@code isms.incident.events}, once per event (idempotent inbox),
 * through the platform's {@link EventConsumers}: what cannot be read or is not incident-service's goes to
 * {@code isms.risk.dlq}.
 */
@ApplicationScoped
public class IncidentEventsConsumer implements EventHandler {
    static final String CONSUMER = "risk-service.incident-flags";

    private final EventConsumers consumers;
    private final IncidentFlags flags;

    public IncidentEventsConsumer(EventConsumers consumers, IncidentFlags flags) {
        this.consumers = consumers;
        this.flags = flags;
    }

    @Incoming("incident-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumers.consume(this, record);
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.INCIDENT_EVENTS;
    }

    @Override
    public boolean handles(String type) {
        return flags.handles(type);
    }

    @Override
    public Uni<Void> apply(EventEnvelope event) {
        return flags.apply(event);
    }
}
