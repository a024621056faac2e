package org.isms.incident.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.Topics;
import org.isms.incident.service.AssetProjectionService;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;

/**
 * Keeps the assets alerts are matched on from {@code isms.asset.events}, once per event (idempotent inbox), through
 * the platform's {@link EventConsumers}: what can never be applied goes to {@code isms.incident.dlq} with the reason.
 */
@ApplicationScoped
public class AssetEventsConsumer implements EventHandler {
    static final String CONSUMER = "incident-service.asset-projection";

    private final EventConsumers consumers;
    private final AssetProjectionService projection;

    public AssetEventsConsumer(EventConsumers consumers, AssetProjectionService projection) {
        this.consumers = consumers;
        this.projection = projection;
    }

    @Incoming("asset-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumers.consume(this, record);
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public String topic() {
        return Topics.ASSET_EVENTS;
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
