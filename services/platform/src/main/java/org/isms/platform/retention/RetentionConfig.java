package org.isms.platform.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the platform tables keep what they no longer need ({@code isms.retention.*}). */
@ConfigMapping(prefix = "isms.retention")
public interface RetentionConfig {
    /**
     * Published outbox rows are kept this long (for an operator looking back); pending rows are never purged.
     */
    @WithDefault("7d")
    Duration sentEvents();

    /**
     * Processed-event records are kept this long. A redelivery of an event older than this would be applied
     * again: keep it well above the topics' retention (7 days in the stack) and any consumer-offset reset.
     */
    @WithDefault("30d")
    Duration processedEvents();

    /** How often the purge runs ({@code off} disables it). */
    @WithDefault("1h")
    String every();

    /** Rows deleted per statement, so no purge holds locks long. */
    @WithDefault("5000")
    int batch();
}
