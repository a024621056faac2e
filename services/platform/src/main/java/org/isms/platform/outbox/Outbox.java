package org.isms.platform.outbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;

/**
 * Writes events into the {@code outbox} table in the caller's transaction, so an event exists exactly
 * when the state change it describes was committed. {@link OutboxRelay} publishes them. Call it from a
 * {@code @WithTransaction} service method; outside a transaction it refuses, because an event written
 * apart from its state change could be lost or describe a change that never happened. The topic comes from
 * {@link EventRoutes}: an event type without one is refused here, inside the transaction, so the change fails
 * with it instead of publishing to a topic nobody reads. The trace context of the span current here (the
 * request's) is stored with the event ({@link EventTrace}): the relay publishes in that trace.
 */
@ApplicationScoped
public class Outbox {
    // cast to text first: bound to a jsonb parameter, the reactive client would store the string as a JSON string
    private static final String INSERT = "insert into outbox (event_id, event_type, topic, aggregate_id, tenant_id, "
            + "source, occurred_at, payload, trace_parent, trace_state) "
            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(cast(?8 as text) as jsonb), ?9, ?10)";
    // Many events in one statement: their rows as one JSON array, one text parameter (the same binding as the
    // payload above, so no array binding of the reactive client is involved). Ordered by the position in the
    // list, so the ids the table gives them (the relay's order per aggregate) follow the caller's order.
    private static final String INSERT_ALL = """
            insert into outbox (event_id, event_type, topic, aggregate_id, tenant_id, source, occurred_at, payload,
                                trace_parent, trace_state)
            select r.event_id, r.event_type, r.topic, r.aggregate_id, r.tenant_id, r.source, r.occurred_at, r.payload,
                   r.trace_parent, r.trace_state
              from jsonb_to_recordset(cast(cast(?1 as text) as jsonb))
                   as r(n integer, event_id uuid, event_type text, topic text, aggregate_id text, tenant_id text,
                        source text, occurred_at timestamptz, payload jsonb, trace_parent text, trace_state text)
             order by r.n""";

    private final EventRoutes routes;

    public Outbox(EventRoutes routes) {
        this.routes = routes;
    }

    public Uni<Void> append(EventEnvelope event) {
        String topic = routes.topicOf(event.type());
        EventTrace trace = EventTrace.current();
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
                    .setParameter(9, trace.parent())
                    .setParameter(10, trace.state())
                    .executeUpdate());
        }).replaceWithVoid();
    }

    /**
     * Writes these events, in this order, in one statement: what {@link #append} does for each, for a change that
     * emits many (an import), where an INSERT per event would be a round trip per event. The same rules: the
     * topic of every event's type is checked first, and outside a transaction nothing is written. The statement
     * carries every event's data, so a caller with very many events passes them in parts (a thousand or so).
     */
    public Uni<Void> appendAll(List<EventEnvelope> events) {
        Map<String, String> topics = new HashMap<>();
        EventTrace trace = EventTrace.current();
        ArrayNode rows = JsonNodeFactory.instance.arrayNode(events.size());
        for (EventEnvelope event : events) {
            String topic = topics.computeIfAbsent(event.type(), routes::topicOf);
            rows.addObject()
                    .put("n", rows.size())
                    .put("event_id", UUID.fromString(event.id()).toString())
                    .put("event_type", event.type())
                    .put("topic", topic)
                    .put("aggregate_id", event.subject())
                    .put("tenant_id", event.tenant())
                    .put("source", event.source())
                    .put("occurred_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.time()))
                    .put("trace_parent", trace.parent())
                    .put("trace_state", trace.state())
                    .set("payload", event.data());
        }
        return Panache.currentTransaction().chain(tx -> {
            if (tx == null) {
                return Uni.createFrom().<Void>failure(new IllegalStateException(
                        "Outbox.appendAll must run inside the transaction of the state change (@WithTransaction)"));
            }
            if (events.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String json = EventJson.write(rows);
            return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_ALL)
                    .setParameter(1, json)
                    .executeUpdate()).replaceWithVoid();
        });
    }
}
