package org.isms.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.events.MalformedEventException;
import org.isms.platform.events.EventConsumers;
import org.isms.platform.events.EventHandler;

/**
 * A consumer as the services write them: an {@link EventHandler} whose records go through {@link EventConsumers}.
 * Its effect on one note can be made to fail for a while ({@link #failFor}), as a database outage would. It
 * stores the note's text in a column of 200 characters (the API's limit), so PostgreSQL refuses a longer one.
 */
@ApplicationScoped
public class NoteEventsConsumer implements EventHandler {
    private final EventConsumers consumers;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public NoteEventsConsumer(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Incoming("note-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumers.consume(this, record);
    }

    /** Events about this note fail with a transient error (before they write anything) until {@link #heal}. */
    public void failFor(String noteId) {
        failing.add(noteId);
    }

    public void heal(String noteId) {
        failing.remove(noteId);
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
        if (failing.contains(created.id().toString())) {
            return Uni.createFrom().failure(new IllegalStateException("the database is away (test)"));
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into note_effect (event_id, note_id, text) values (?1, ?2, ?3)")
                        .setParameter(1, event.id()).setParameter(2, created.id().toString())
                        .setParameter(3, created.text()).executeUpdate())
                .replaceWithVoid();
    }
}
