package org.isms.platform.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;

/**
 * Writes events into the {@code outbox} table in the caller's transaction, so an event exists exactly
 * when the state change it describes was committed. {@link OutboxRelay} publishes them. Call it from a
 * {@code @WithTransaction} service method; outside a transaction it refuses, because an event written
 * apart from its state change could be lost or describe a change that never happened. The topic comes from
 * {@link EventRoutes}: an event type without one is refused here, inside the transaction, so the change fails
 * with it instead of publishing to a topic nobody reads.
 */
@ApplicationScoped
public class Outbox {
    // cast to text first: bound to a jsonb parameter, the reactive client would store the string as a JSON string
    private static final String INSERT = "insert into outbox (event_id, event_type, topic, aggregate_id, tenant_id, "
            + "source, occurred_at, payload) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(cast(?8 as text) as jsonb))";

    private final EventRoutes routes;

    public Outbox(EventRoutes routes) {
        this.routes = routes;
    }

    public Uni<Void> append(EventEnvelope event) {
        String topic = routes.topicOf(event.type());
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox.append must run inside the transaction of the state change (@WithTransaction)"));
            }
            return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                    .setParameter(1, UUID.fromString(event.id()))
                    .setParameter(2, event.type())
                    .setParameter(3, topic)
                    .setParameter(4, event.subject())
                    .setParameter(5, event.tenant())
                    .setParameter(6, event.source())
                    .setParameter(7, event.time())
                    .setParameter(8, EventJson.write(event.data()))
                    .executeUpdate());
        }).replaceWithVoid();
    }
}
