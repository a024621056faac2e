package org.isms.platform.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.isms.events.EventEnvelope;
import org.isms.events.MalformedEventException;
import org.isms.platform.error.SqlStates;
import org.isms.platform.inbox.Inbox;
import org.isms.platform.inbox.IncomingEvents;
import org.jboss.logging.Logger;

/**
 * How every consumer takes an event, so that none can get it wrong:
 * <ul>
 * <li>a record that cannot be read, that does not come from its topic's owner ({@code ce_source}) or whose
 * key is not its subject can never be handled: {@link MalformedEventException}, and the channel's
 * dead-letter strategy moves it to the service's DLQ with the reason; so does one whose values the database
 * refuses as such (SQLSTATE class 22);</li>
 * <li>a good event's effect runs once ({@link Inbox}); a failure that is not the event's fault (the database
 * away, a lock timeout) is retried with backoff for as long as it takes: a good event is never dead-lettered.
 * Meanwhile the record's partition waits (order holds), and readiness reports the consumer stuck.</li>
 * </ul>
 * A record is handled inside the consumer span SmallRye's Kafka connector opens for it, a child of the record's
 * {@code traceparent} (the trace of the change that wrote the event; Quarkus makes the span current for the
 * {@code @Incoming} method), so what the handler does is part of that trace.
 */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Inbox inbox;
    private final EventsConfig config;
    private final EventMetrics metrics;
    private final Clock clock;
    private final Instance<EventHandler> handlers;
    private final Map<String, Stuck> stuck = new ConcurrentHashMap<>();

    public EventConsumers(Inbox inbox, EventsConfig config, EventMetrics metrics, Clock clock,
            Instance<EventHandler> handlers) {
        this.inbox = inbox;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.handlers = handlers;
    }

    /** A consumer retrying one event: since when, how often, the last error. */
    public record Stuck(String consumer, String eventId, String eventType, Instant since, long attempts, String lastError) {
    }

    /** What became of one record. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED
    }

    /** For an {@code @Incoming} method: the record's effect once, retried until it succeeds; malformed ones fail (DLQ). */
    public Uni<Void> consume(EventHandler handler, ConsumerRecord<String, String> record) {
        String lane = handler.consumer() + "/" + record.topic() + "/" + record.partition();
        return process(handler, record, Long.MAX_VALUE, lane)
                .onFailure(f -> !mayPass(f)).invoke(e -> {
                    metrics.consumed(handler, "dead-lettered");
                    LOG.warnf("record %s-%d@%d dead-lettered by %s: %s", record.topic(), record.partition(),
                            record.offset(), handler.consumer(), e.getMessage());
                })
                .replaceWithVoid();
    }

    /**
     * For a DLQ replay: the record read, checked and applied through the inbox like a consumed one, but a failure
     * that may pass is retried only {@code retries} times, then reported. Its retries are its own in
     * {@link #stuck()}: they never hide or clear what a live consumer is stuck on.
     */
    public Uni<Outcome> replay(EventHandler handler, ConsumerRecord<String, String> record, long retries) {
        return process(handler, record, retries, handler.consumer() + "/dlq-replay");
    }

    /**
     * Reads and checks the record, then applies it through the inbox; a failure that may pass is retried up to
     * {@code retries} times, recorded under {@code lane} in {@link #stuck()} meanwhile.
     */
    private Uni<Outcome> process(EventHandler handler, ConsumerRecord<String, String> record, long retries,
            String lane) {
        EventEnvelope event;
        try {
            event = read(handler, record);
        } catch (MalformedEventException e) {
            return Uni.createFrom().failure(e);
        }
        if (!handler.handles(event.type())) {
            metrics.consumed(handler, "ignored");
            return Uni.createFrom().item(Outcome.IGNORED);
        }
        Duration initial = config.retryInitialBackoff();
        Duration max = config.retryMaxBackoff();
        return inbox.processOnce(handler.consumer(), event, () -> handler.apply(event))
                .onFailure(EventConsumers::mayPass).invoke(f -> failedOnce(lane, handler, event, f))
                .onFailure(EventConsumers::mayPass).retry().withBackOff(initial, max).atMost(retries)
                .onFailure().invoke(f -> unstuck(lane, event))
                .map(applied -> {
                    if (unstuck(lane, event)) {
                        LOG.infof("event %s (%s) applied by %s after retrying", event.id(), event.type(), handler.consumer());
                    }
                    metrics.consumed(handler, applied ? "applied" : "duplicate");
                    return applied ? Outcome.APPLIED : Outcome.DUPLICATE;
                });
    }

    /** The consumers retrying an event now. */
    public List<Stuck> stuck() {
        return List.copyOf(stuck.values());
    }

    /** The handler of a topic, for a replay; null when this service reads no such topic. */
    public EventHandler handlerOf(String topic) {
        return handlers.stream().filter(h -> h.topic().equals(topic)).findFirst().orElse(null);
    }

    /** Forgets that {@code lane} was stuck, if it was stuck on this event; whether it was. */
    private boolean unstuck(String lane, EventEnvelope event) {
        boolean[] was = { false };
        stuck.computeIfPresent(lane, (k, s) -> {
            if (s.eventId().equals(event.id())) {
                was[0] = true;
                return null;
            }
            return s;
        });
        return was[0];
    }

    private void failedOnce(String key, EventHandler handler, EventEnvelope event, Throwable f) {
        metrics.consumed(handler, "retried");
        Stuck before = stuck.get(key);
        Stuck now = before != null && before.eventId().equals(event.id())
                ? new Stuck(before.consumer(), before.eventId(), before.eventType(), before.since(), before.attempts() + 1,
                        describe(f))
                : new Stuck(handler.consumer(), event.id(), event.type(), clock.instant(), 1, describe(f));
        stuck.put(key, now);
        // the first failure and every 20th after it: an outage of minutes must not flood the log
        if (now.attempts() % 20 == 1) {
            LOG.warnf("event %s (%s) not applied by %s yet (attempt %d), retrying: %s", event.id(), event.type(),
                    handler.consumer(), now.attempts(), now.lastError());
        }
    }

    private static EventEnvelope read(EventHandler handler, ConsumerRecord<String, String> record) {
        EventEnvelope event = IncomingEvents.read(record);
        if (!Objects.equals(event.source(), handler.source())) {
            throw new MalformedEventException("event " + event.id() + " on " + record.topic() + " comes from "
                    + event.source() + "; only " + handler.source() + " publishes there", null);
        }
        if (record.key() != null && !record.key().equals(event.subject())) {
            throw new MalformedEventException("event " + event.id() + " has key " + record.key()
                    + " but subject " + event.subject() + "; the key must be the aggregate id", null);
        }
        return event;
    }

    /**
     * Whether a failure may pass by itself: anything but an event that can never be applied. That is a
     * {@link MalformedEventException}, or PostgreSQL refusing the event's values themselves (SQLSTATE class 22,
     * data exception: a value too long for its column, out of range, not in the encoding), which no retry
     * changes. Anything else (the database away, a lock, a bug) is retried and shows as a stuck consumer.
     */
    static boolean mayPass(Throwable f) {
        for (Throwable t = f; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MalformedEventException) {
                return false;
            }
        }
        return !SqlStates.isDataException(f);
    }

    private static String describe(Throwable f) {
        String m = f.getClass().getSimpleName() + ": " + f.getMessage();
        return m.length() > 300 ? m.substring(0, 300) : m;
    }
}
