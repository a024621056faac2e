package org.isms.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How consumers retry and when they count as stuck; the service's dead-letter topic ({@code isms.events.*}). */
@ConfigMapping(prefix = "isms.events")
public interface EventsConfig {
    /** First wait after a failure that may pass; doubles up to {@link #retryMaxBackoff()}. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    @WithDefault("10s")
    Duration retryMaxBackoff();

    /** How long a consumer may retry one event before readiness reports it stuck. */
    @WithDefault("30s")
    Duration stuckAfter();

    /** The service's dead-letter topic ({@code isms.<service>.dlq}), for the replay; none: nothing to replay. */
    Optional<String> dlqTopic();

    /** How often a failure that may pass is retried while a DLQ record is replayed, before the replay stops there. */
    @WithDefault("5")
    int replayRetries();
}
