package org.isms.risk.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.MalformedEventException;
import org.isms.platform.inbox.Inbox;
import org.isms.platform.inbox.IncomingEvents;
import org.isms.risk.service.AssetProjectionService;
import org.jboss.logging.Logger;

/**
 * Keeps the asset projection from {@code isms.asset.events}, once per event (idempotent inbox). A record
 * that cannot be read or makes no sense goes to {@code isms.risk.dlq} with the reason, and the stream
 * goes on. A failure that may pass (the database briefly away) is retried with backoff first, so a good
 * event is not dead-lettered for the service's own trouble.
 */
@ApplicationScoped
public class AssetEventsConsumer {
    static final String CONSUMER = "risk-service.asset-projection";
    private static final Logger LOG = Logger.getLogger(AssetEventsConsumer.class);

    private final Inbox inbox;
    private final AssetProjectionService projection;

    public AssetEventsConsumer(Inbox inbox, AssetProjectionService projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @Incoming("asset-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event = IncomingEvents.read(record);
        if (!projection.handles(event.type())) {
            return Uni.createFrom().voidItem(); // a type this version does not know: not ours to refuse
        }
        return inbox.processOnce(CONSUMER, event, () -> projection.apply(event))
                .onFailure(f -> !(f instanceof MalformedEventException))
                .invoke(f -> LOG.warnf("event %s (%s) not applied yet, retrying: %s", event.id(), event.type(), f.toString()))
                .onFailure(f -> !(f instanceof MalformedEventException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .replaceWithVoid();
    }
}
