package org.isms.platform.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The W3C trace context that goes with an event from the change that wrote it to its consumers: {@link Outbox}
 * stores the current span's with the row, {@link OutboxPublisher} sends it on as the record's {@code traceparent}
 * and {@code tracestate} headers (the names of the CloudEvents distributed-tracing extension, and what SmallRye's
 * Kafka connector reads to parent the consumer's span). OpenTelemetry's W3C propagator writes and reads it; both
 * values are null where there was no valid span.
 */
record EventTrace(String parent, String state) {
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The context of the span current now (the request's, inside one); both null when there is none. */
    static EventTrace current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return new EventTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** The stored context, to parent a span with; null when none was stored or what was is not W3C. */
    static Context stored(String traceParent, String traceState) {
        if (traceParent == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, traceParent);
        if (traceState != null) {
            carrier.put(TRACESTATE, traceState);
        }
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, FROM_MAP);
        return Span.fromContext(context).getSpanContext().isValid() ? context : null;
    }

    /** Writes the span of {@code context} as the record's {@code traceparent} (and {@code tracestate}). */
    static void inject(Context context, Headers headers) {
        W3CTraceContextPropagator.getInstance().inject(context, headers,
                (carrier, name, value) -> carrier.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
    }
}
