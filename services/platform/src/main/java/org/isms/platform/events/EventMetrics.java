package org.isms.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The event pipeline's own figures in {@code /q/metrics} (Prometheus names in brackets):
 * events published and failed publishes per type ({@code isms_events_published_total},
 * {@code isms_events_publish_failures_total}), events consumed per topic, consumer and outcome
 * ({@code isms_events_consumed_total}: applied, duplicate, ignored, retried, dead-lettered, replayed).
 * The outbox backlog and the consumer lag are gauges of their own ({@code OutboxGauges}, Kafka's client metrics).
 */
@ApplicationScoped
public class EventMetrics {
    private final MeterRegistry registry;

    public EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void published(String type) {
        Counter.builder("isms.events.published").description("Events the outbox relay published to Kafka")
                .tag("type", type).register(registry).increment();
    }

    public void publishFailed(String type) {
        Counter.builder("isms.events.publish.failures").description("Attempts to publish an event that failed")
                .tag("type", type).register(registry).increment();
    }

    public void consumed(EventHandler handler, String outcome) {
        Counter.builder("isms.events.consumed").description("Event records consumers took, by outcome")
                .tag("topic", handler.topic()).tag("consumer", handler.consumer()).tag("outcome", outcome)
                .register(registry).increment();
    }
}
