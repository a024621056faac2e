package org.isms.platform.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.isms.platform.events.EventMetrics;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka from a thread of its own: rounds of {@link OutboxPublisher} back to back
 * while rows are pending; when none are, it waits for the next commit of events ({@link OutboxSignal}: PostgreSQL
 * notifies it) or at most a short poll; exponential backoff while Kafka fails (the rows stay pending, so an
 * outage only delays events). The producer waits for all replicas (acks=all)
 * and is idempotent, so its own retries neither lose nor double a record.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;
    private KafkaProducer<String, byte[]> producer;

    private final EventMetrics metrics;
    private final OutboxSignal signal;
    private final Tracer tracer;

    public OutboxRelay(Pool pool, OutboxConfig config, EventMetrics metrics, io.vertx.core.Vertx vertx,
            OpenTelemetry openTelemetry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.config = config;
        this.metrics = metrics;
        this.bootstrapServers = bootstrapServers;
        this.tracer = openTelemetry.getTracer(OutboxPublisher.TRACER);
        this.signal = url.map(u -> new OutboxSignal(vertx, connectOptions(u, user, password))).orElse(null);
    }

    /** The listener's connection: the first server of the datasource's URL, with its credentials. */
    static PgConnectOptions connectOptions(String url, Optional<String> user, Optional<String> password) {
        String first = url.split(",")[0].strip().replaceFirst("^vertx-reactive:", "");
        PgConnectOptions options = PgConnectOptions.fromUri(first);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** How many events this instance has published since it started. */
    public long published() {
        return published.get();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerProperties(bootstrapServers, config.sendTimeout()));
        OutboxPublisher publisher = new OutboxPublisher(pool, producer, config.batchSize(), config.sendTimeout(),
                new OutboxPublisher.Listener() {
                    @Override
                    public void sent(String type) {
                        metrics.published(type);
                    }

                    @Override
                    public void failed(String type) {
                        metrics.publishFailed(type);
                    }
                }, tracer);
        running = true;
        if (signal != null) {
            signal.start();
        }
        thread = new Thread(() -> loop(publisher), "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        if (signal != null) {
            signal.stop();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** The producer settings the relay needs: every replica acknowledges, idempotent, bounded waits. */
    public static Properties producerProperties(String bootstrapServers, Duration sendTimeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(6000, sendTimeout.toMillis() - 1000));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private void loop(OutboxPublisher publisher) {
        Duration backoff = config.initialBackoff();
        while (running) {
            Duration wait;
            boolean untilCommit = false;
            if (signal != null) {
                signal.clear(); // this round sees every row committed before it starts
            }
            try {
                OutboxPublisher.Round round = publisher.publishPending();
                published.addAndGet(round.published());
                if (round.failed() > 0) {
                    LOG.warnf("outbox: %d event(s) not published, retrying in %s: %s", round.failed(), backoff,
                            round.error());
                    wait = backoff;
                    backoff = min(backoff.multipliedBy(2), config.maxBackoff());
                } else {
                    backoff = config.initialBackoff();
                    wait = round.published() > 0 ? Duration.ZERO : config.pollInterval();
                    untilCommit = signal != null;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox: round failed, retrying in %s: %s", backoff, e.toString());
                wait = backoff;
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
            if (!wait.isZero()) {
                try {
                    if (untilCommit) {
                        signal.await(wait);
                    } else {
                        Thread.sleep(wait);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
