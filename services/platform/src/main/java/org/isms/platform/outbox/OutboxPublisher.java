package org.isms.platform.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.isms.events.CloudEventHeaders;

/**
 * One round of relaying, without threads of its own (so a test can run two side by side): claims
 * pending outbox rows, publishes each as a CloudEvent in binary mode, and marks those Kafka
 * acknowledged as sent, all in one database transaction. Each record goes out in the trace of the change that
 * wrote its event ({@link EventTrace}, stored with the row): a PRODUCER span, child of the stored context, whose
 * {@code traceparent} the record carries; an event stored without one is sent without.
 *
 * <p>Order and safety with several instances: a round claims only the oldest pending row of each
 * aggregate ({@code NOT EXISTS} an older pending row) and locks it {@code FOR UPDATE SKIP LOCKED}. Another
 * instance skips locked rows and cannot take a later row of the same aggregate while an earlier one is
 * pending, so one aggregate's events reach Kafka in order and each is published by one instance.
 *
 * <p>The claim's cost must not depend on the table's statistics. An outbox is nearly always drained when
 * autovacuum samples it, so PostgreSQL believes {@code sent_at is null} matches one row; after a burst (an import of
 * 10,000 assets) it then joined each claimed row against every pending row, a round costing the batch times the
 * backlog (0.6 s for 100 rows of a 12,000-row backlog, 60 s to drain it). {@code offset 0} keeps the
 * {@code not exists} a per-row lookup of the rows before it, whatever the planner believes: a round costs at most
 * the batch squared, never the backlog ({@code OutboxTest.shouldClaimInTimeIndependentOfTheBacklog}).
 */
public class OutboxPublisher {
    /** Claims up to {@code $1} pending rows, the oldest of each aggregate, skipping what another relay holds. */
    public static final String CLAIM = """
            select o.id, o.event_id, o.event_type, o.topic, o.aggregate_id, o.tenant_id, o.source, o.occurred_at,
                   o.payload::text as payload, o.trace_parent, o.trace_state
              from outbox o
             where o.sent_at is null
               and not exists (select 1 from outbox p
                                where p.aggregate_id = o.aggregate_id and p.sent_at is null and p.id < o.id
                                offset 0)
             order by o.id
             limit $1
               for update skip locked""";
    static final String MARK_SENT = "update outbox set sent_at = now(), attempts = attempts + 1 where id = any($1)";
    static final String MARK_FAILED = "update outbox set attempts = attempts + 1, last_error = $2 where id = $1";
    /** The instrumentation scope of the relay's spans. */
    static final String TRACER = "org.isms.platform.outbox";

    private final Pool pool;
    private final Producer<String, byte[]> producer;
    private final int batchSize;
    private final Duration sendTimeout;
    private final Listener listener;
    private final Tracer tracer;

    /** Told of each event sent or not, by type (the relay counts them in the metrics). */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void sent(String type) {
        }

        default void failed(String type) {
        }
    }

    /** A publisher without spans of its own: a record still carries the trace context stored with its event. */
    public OutboxPublisher(Pool pool, Producer<String, byte[]> producer, int batchSize, Duration sendTimeout) {
        this(pool, producer, batchSize, sendTimeout, Listener.NONE, OpenTelemetry.noop().getTracer(TRACER));
    }

    public OutboxPublisher(Pool pool, Producer<String, byte[]> producer, int batchSize, Duration sendTimeout,
            Listener listener, Tracer tracer) {
        this.pool = pool;
        this.producer = producer;
        this.batchSize = batchSize;
        this.sendTimeout = sendTimeout;
        this.listener = listener;
        this.tracer = tracer;
    }

    /** The outcome of a round: how many rows it published, and the first failure if any. */
    public record Round(int published, int failed, String error) {
    }

    /** Runs one round; blocks, so call it from a worker thread, never from an event loop. */
    public Round publishPending() {
        SqlConnection conn = pool.getConnection().await().atMost(Duration.ofSeconds(30));
        try {
            var tx = conn.begin().await().atMost(Duration.ofSeconds(30));
            try {
                List<Row> rows = new ArrayList<>();
                conn.preparedQuery(CLAIM).execute(Tuple.of(batchSize)).await().atMost(Duration.ofSeconds(30))
                        .forEach(rows::add);
                List<CompletableFuture<Void>> sends = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    sends.add(send(row));
                }
                List<Long> sent = new ArrayList<>();
                int failed = 0;
                String firstError = null;
                for (int i = 0; i < rows.size(); i++) {
                    try {
                        sends.get(i).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
                        sent.add(rows.get(i).getLong("id"));
                        listener.sent(rows.get(i).getString("event_type"));
                    } catch (Exception e) {
                        failed++;
                        listener.failed(rows.get(i).getString("event_type"));
                        String error = describe(e);
                        firstError = firstError == null ? error : firstError;
                        conn.preparedQuery(MARK_FAILED).execute(Tuple.of(rows.get(i).getLong("id"), error))
                                .await().atMost(Duration.ofSeconds(30));
                    }
                }
                if (!sent.isEmpty()) {
                    conn.preparedQuery(MARK_SENT).execute(Tuple.of(sent.toArray(Long[]::new)))
                            .await().atMost(Duration.ofSeconds(30));
                }
                tx.commit().await().atMost(Duration.ofSeconds(30));
                return new Round(sent.size(), failed, firstError);
            } catch (RuntimeException e) {
                tx.rollback().await().atMost(Duration.ofSeconds(30));
                throw e;
            }
        } finally {
            conn.close().await().atMost(Duration.ofSeconds(30));
        }
    }

    private CompletableFuture<Void> send(Row row) {
        String topic = row.getString("topic");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
                row.getString("aggregate_id"), row.getString("payload").getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(record, CloudEventHeaders.TYPE, row.getString("event_type"));
        header(record, CloudEventHeaders.SOURCE, row.getString("source"));
        header(record, CloudEventHeaders.SUBJECT, row.getString("aggregate_id"));
        header(record, CloudEventHeaders.TIME,
                row.getOffsetDateTime("occurred_at").format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header(record, CloudEventHeaders.TENANT, row.getString("tenant_id"));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        Context stored = EventTrace.stored(row.getString("trace_parent"), row.getString("trace_state"));
        Span span = stored == null ? null : sendSpan(stored, topic, row.getUUID("event_id").toString());
        if (span != null) {
            // the consumer's span becomes a child of this one
            EventTrace.inject(stored.with(span), record.headers());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                ended(span, error);
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) { // e.g. metadata not available within max.block.ms: Kafka unreachable
            ended(span, e);
            done.completeExceptionally(e);
        }
        return done;
    }

    /** The send's PRODUCER span, in the trace of the change that wrote the event; ends when Kafka has answered. */
    private Span sendSpan(Context stored, String topic, String eventId) {
        return tracer.spanBuilder(topic + " publish").setParent(stored).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.message.id", eventId)
                .startSpan();
    }

    private static void ended(Span span, Throwable error) {
        if (span == null) {
            return;
        }
        if (error != null) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String describe(Throwable e) {
        Throwable root = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
