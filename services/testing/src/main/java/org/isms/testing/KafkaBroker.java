package org.isms.testing;

import java.time.Duration;

/** Lets a test take the shared Kafka broker away and bring it back, to prove that nothing is lost meanwhile. */
public final class KafkaBroker {
    private KafkaBroker() {
    }

    /** Stops the broker (its data is kept). */
    public static void stop() {
        SharedServers.kafka().stop();
    }

    /** Starts it again on the same ports, with the same data, and waits until it answers. */
    public static void start() {
        SharedServers.kafka().start(Duration.ofMinutes(2));
    }

    public static String bootstrapServers() {
        return SharedServers.kafkaBootstrapServers();
    }
}
