package org.isms.platform.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.isms.events.EventEnvelope;

/**
 * The idempotent inbox: a consumer's effect and the record that it processed an event commit in one
 * transaction, so a redelivered event (after a crash, a rebalance, a broker restart) is a no-op.
 * Two deliveries racing each other serialize on the record's primary key: the second waits for the
 * first to commit, then finds the record and skips.
 */
@ApplicationScoped
public class Inbox {
    private static final String RECORD = "insert into processed_event (consumer, event_id, event_type) "
            + "values (?1, ?2, ?3) on conflict do nothing";

    /**
     * Runs {@code effect} in a new transaction unless {@code consumer} already processed the event.
     *
     * @return true when the effect ran, false for a duplicate
     */
    public Uni<Boolean> processOnce(String consumer, EventEnvelope event, Supplier<Uni<Void>> effect) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter(1, consumer)
                        .setParameter(2, event.id())
                        .setParameter(3, event.type())
                        .executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : effect.get().replaceWith(true)));
    }
}
