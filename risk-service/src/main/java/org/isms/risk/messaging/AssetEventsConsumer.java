package org.isms.risk.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.Topics;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;
import org.isms.risk.service.AssetProjectionService;

/**
 * Keeps the asset projection from {@code isms.asset.events}, once per event (idempotent inbox), through the
 * platform's {@link EventConsumers}: a record that cannot be read, is not asset-service's or makes no sense
 * goes to {@code isms.risk.dlq} with the reason and the stream goes on; a failure that may pass (the
 * database away) is retried for as long as it takes, so a good event is never dead-lettered.
 */
@ApplicationScoped
public class AssetEventsConsumer implements EventHandler {
    static final String CONSUMER = "risk-service.asset-projection";

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
