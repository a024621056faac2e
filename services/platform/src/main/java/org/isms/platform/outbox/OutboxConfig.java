package org.isms.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay ({@code isms.outbox.*}). */
@ConfigMapping(prefix = "isms.outbox")
public interface OutboxConfig {
    /** Whether this instance relays; any number of instances may. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How long to wait before looking again when nothing was pending. */
    @WithDefault("200ms")
    Duration pollInterval();

    /**
     * Rows claimed per round (at most one per aggregate). 500 drains a burst about twice as fast as 100 (the
     * 12,000 events of a 10,000-asset import in 3 s instead of 5; asset-service README); a round holds its rows
     * locked until Kafka has acknowledged them all.
     */
    @WithDefault("500")
    int batchSize();

    /** First wait after a failed publish; doubles per failure up to {@link #maxBackoff()}. */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** How long one send may take before it counts as failed (Kafka unreachable). */
    @WithDefault("15s")
    Duration sendTimeout();

    /** How often the backlog gauges ({@link OutboxGauges}) read the table. */
    @WithDefault("10s")
    Duration gaugeInterval();
}
