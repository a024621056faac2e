package org.isms.platform.retention;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Purges what the outbox and the inbox no longer need: outbox rows published longer ago than
 * {@code isms.retention.sent-events} and processed-event records older than {@code processed-events}.
 * Ordering is untouched (the relay orders by pending rows only, and pending rows are never purged);
 * idempotency holds for every redelivery younger than the processed-events retention, which is the one
 * window (documented in docs/architecture.md). Several instances may purge at once: deletes are idempotent.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final String SENT = """
            delete from outbox where id in (select id from outbox where sent_at is not null and sent_at < $1
             order by id limit $2)""";
    private static final String PROCESSED = """
            delete from processed_event where ctid in (select ctid from processed_event where processed_at < $1
             limit $2)""";

    private final Pool pool;
    private final RetentionConfig config;
    private final Clock clock;

    public Retention(Pool pool, RetentionConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    /** How many rows a purge removed. */
    public record Purged(long sentEvents, long processedEvents) {
    }

    @Scheduled(identity = "isms-retention", every = "${isms.retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge().invoke(p -> {
            if (p.sentEvents() + p.processedEvents() > 0) {
                LOG.infof("retention: purged %d published outbox rows and %d processed-event records", p.sentEvents(),
                        p.processedEvents());
            }
        }).replaceWithVoid();
    }

    /** Purges now, batch by batch, with the cut-offs taken from the clock. */
    public Uni<Purged> purge() {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return drain(SENT, now.minus(config.sentEvents()), 0)
                .chain(sent -> drain(PROCESSED, now.minus(config.processedEvents()), 0)
                        .map(processed -> new Purged(sent, processed)));
    }

    private Uni<Long> drain(String sql, OffsetDateTime before, long done) {
        return pool.preparedQuery(sql).execute(Tuple.of(before, config.batch())).chain(rows -> {
            long n = rows.rowCount();
            return n < config.batch() ? Uni.createFrom().item(done + n) : drain(sql, before, done + n);
        });
    }
}
