package org.isms.platform.testapp;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The test application's finished spans, kept in memory for the tests to read: Quarkus exports to a
 * {@code SpanExporter} bean (in place of its OTLP exporter, which would send to localhost:4317).
 */
@ApplicationScoped
public class InMemorySpans {
    @Produces
    @Singleton
    @Unremovable
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
