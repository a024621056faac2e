package org.isms.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.events.EventEnvelope;
import org.isms.platform.inbox.IncomingEvents;
import org.isms.platform.inbox.Inbox;

/** A consumer as the services write them: decode, then the effect through the inbox. */
@ApplicationScoped
public class NoteEventsConsumer {
    private final Inbox inbox;

    public NoteEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("note-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        EventEnvelope event = IncomingEvents.read(record);
        NoteService.NoteCreated created = event.dataAs(NoteService.NoteCreated.class);
        if (created.id() == null) {
            throw new org.isms.events.MalformedEventException("note id missing", null);
        }
        return inbox.processOnce("note-effects", event, () -> Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into note_effect (event_id, note_id) values (?1, ?2)")
                        .setParameter(1, event.id()).setParameter(2, created.id().toString()).executeUpdate())
                .replaceWithVoid()).replaceWithVoid();
    }
}
