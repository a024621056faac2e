package org.isms.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The outbox backlog as gauges, read from the table every {@code isms.outbox.gauge-interval}:
 * {@code isms_outbox_pending} (rows not yet published) and {@code isms_outbox_oldest_pending_age_seconds}
 * (how long the oldest has waited; 0 when none). A growing age means Kafka is away or the relay is stuck.
 */
@ApplicationScoped
public class OutboxGauges {
    private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

    private final Pool pool;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    public OutboxGauges(Pool pool, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.clock = clock;
        Gauge.builder("isms.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet published to Kafka").register(registry);
        Gauge.builder("isms.outbox.oldest.pending.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unpublished outbox event has waited").register(registry);
    }

    void onStart(@Observes StartupEvent event, Vertx vertx, OutboxConfig config) {
        vertx.setPeriodic(config.gaugeInterval().toMillis(), id -> refresh().subscribe().with(x -> {
        }, e -> LOG.debugf("outbox gauges not refreshed: %s", e)));
    }

    /** Reads the backlog now. */
    public io.smallrye.mutiny.Uni<Void> refresh() {
        return pool.query("select count(*) as pending, min(created_at) as oldest from outbox where sent_at is null")
                .execute().invoke(rows -> {
                    Row r = rows.iterator().next();
                    pending.set(r.getLong("pending"));
                    OffsetDateTime oldest = r.getOffsetDateTime("oldest");
                    oldestAgeSeconds.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds()));
                }).replaceWithVoid();
    }
}
