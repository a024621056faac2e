package org.isms.control.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.control.service.RiskLinks;
import org.isms.events.EventEnvelope;
import org.isms.events.Topics;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;

/**
 * Keeps the risks' links to controls from {@code isms.risk.events}, once per event (idempotent inbox), through the
 * platform's {@link EventConsumers}: a record that cannot be read, is not risk-service's or has no risk goes to
 * {@code isms.control.dlq} with the reason; a failure that may pass is retried for as long as it takes.
 */
@ApplicationScoped
public class RiskEventsConsumer implements EventHandler {
    static final String CONSUMER = "control-service.risk-links";

    private final EventConsumers consumers;
    private final RiskLinks links;

    public RiskEventsConsumer(EventConsumers consumers, RiskLinks links) {
        this.consumers = consumers;
        this.links = links;
    }

    @Incoming("risk-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumers.consume(this, record);
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.RISK_EVENTS;
    }

    @Override
    public boolean handles(String type) {
        return links.handles(type);
    }

    @Override
    public Uni<Void> apply(EventEnvelope event) {
        return links.apply(event);
    }
}
