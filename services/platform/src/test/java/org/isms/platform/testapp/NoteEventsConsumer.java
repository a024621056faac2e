package org.isms.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.MalformedEventException;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;

/**
 * A consumer as the services write them: an {@link EventHandler} whose records go through {@link EventConsumers}.
 * Its effect can be made to fail for a while ({@link #failNext}), as a database outage would.
 */
@ApplicationScoped
public class NoteEventsConsumer implements EventHandler {
    private final EventConsumers consumers;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    public NoteEventsConsumer(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Incoming("note-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumers.consume(this, record);
    }

    /** The next {@code n} effects fail with a transient error (before they write anything). */
    public void failNext(int n) {
        failures.set(n);
    }

    @Override
    public String consumer() {
        return "note-effects";
    }

    @Override
    public String topic() {
        return NoteRoutes.TOPIC;
    }

    @Override
    public String source() {
        return NoteRoutes.SOURCE;
    }

    @Override
    public boolean handles(String type) {
        return NoteService.CREATED.equals(type);
    }

    @Override
    public Uni<Void> apply(EventEnvelope event) {
        NoteService.NoteCreated created = event.dataAs(NoteService.NoteCreated.class);
        if (created.id() == null) {
            throw new MalformedEventException("note id missing", null);
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Uni.createFrom().failure(new IllegalStateException("the database is away (test)"));
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into note_effect (event_id, note_id) values (?1, ?2)")
                        .setParameter(1, event.id()).setParameter(2, created.id().toString()).executeUpdate())
                .replaceWithVoid();
    }
}
