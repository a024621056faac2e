package org.isms.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness DOWN while a consumer has retried one event for longer than {@code isms.events.stuck-after}:
 * the events behind it wait, and an operator should know (the database away, a lock held). The data names
 * the consumer, the event, since when and the last error.
 */
@Readiness
@ApplicationScoped
public class EventConsumersHealth implements HealthCheck {
    private final EventConsumers consumers;
    private final EventsConfig config;
    private final Clock clock;

    public EventConsumersHealth(EventConsumers consumers, EventsConfig config, Clock clock) {
        this.consumers = consumers;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("event-consumers").up();
        for (EventConsumers.Stuck s : consumers.stuck()) {
            Duration waiting = Duration.between(s.since(), clock.instant());
            if (waiting.compareTo(config.stuckAfter()) >= 0) {
                b.down().withData(s.consumer(), "stuck for " + waiting.toSeconds() + " s on event " + s.eventId() + " ("
                        + s.eventType() + "), " + s.attempts() + " attempts; last error: " + s.lastError());
            }
        }
        return b.build();
    }
}
