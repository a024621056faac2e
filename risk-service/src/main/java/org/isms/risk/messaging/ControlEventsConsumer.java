package org.isms.risk.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.Topics;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;
import org.isms.risk.service.ControlProjectionService;

/**
 * Keeps the control projection from {@code isms.control.events}, once per event (idempotent inbox), through the
 * platform's {@link EventConsumers}: what cannot be read, is not control-service's or has no control goes to
 * {@code isms.risk.dlq}; a failure that may pass is retried for as long as it takes.
 */
@ApplicationScoped
public class ControlEventsConsumer implements EventHandler {
    static final String CONSUMER = "risk-service.control-projection";

    private final EventConsumers consumers;
    private final ControlProjectionService projection;

    public ControlEventsConsumer(EventConsumers consumers, ControlProjectionService projection) {
        this.consumers = consumers;
        this.projection = projection;
    }

    @Incoming("control-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumers.consume(this, record);
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.CONTROL_EVENTS;
    }

    @Override
    public boolean handles(String type) {
        return projection.handles(type);
    }

    @Override
    public Uni<Void> apply(EventEnvelope event) {
        return projection.apply(event);
    }
}
