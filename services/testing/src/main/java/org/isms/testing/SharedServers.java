package org.isms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.isms.events.Topics;
import org.isms.stack.KafkaServer;
import org.isms.stack.Net;
import org.isms.stack.PostgresServer;

/**
 * The servers one test JVM shares: started on first use, stopped when the JVM exits. Their
 * coordinates are kept in system properties, not static fields, because Quarkus loads test resources
 * and test classes in different class loaders, which would otherwise each start their own.
 */
public final class SharedServers {
    static final String PG_PORT = "isms.test.postgres.port";
    static final String KAFKA_PORT = "isms.test.kafka.port";
    static final String KAFKA_CONTROLLER_PORT = "isms.test.kafka.controller-port";
    static final String KAFKA_DIR = "isms.test.kafka.dir";
    static final String WORK_DIR = "isms.test.dir";

    private SharedServers() {
    }

    /** The shared PostgreSQL, started on first call. User and password are {@code postgres}. */
    public static synchronized PostgresServer postgres() {
        String port = System.getProperty(PG_PORT);
        if (port != null) {
            return PostgresServer.external("127.0.0.1", Integer.parseInt(port), "postgres", "postgres");
        }
        PostgresServer pg = PostgresServer.startEmbedded(workDir().resolve("postgres"), 0,
                workDir().resolve("postgres.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "isms-test-postgres-stop"));
        System.setProperty(PG_PORT, Integer.toString(pg.port()));
        return pg;
    }

    /**
     * Stops the shared PostgreSQL (a fast shutdown: connections are cut), for outage tests; start it again
     * with the answer's {@code start}.
     */
    public static synchronized PostgresServer.Stopped stopPostgres() {
        postgres();
        return PostgresServer.stopEmbedded(workDir().resolve("postgres"), Duration.ofSeconds(30));
    }

    /** The shared Kafka broker's bootstrap servers; the broker starts on first call with every topic created. */
    public static synchronized String kafkaBootstrapServers() {
        if (System.getProperty(KAFKA_PORT) == null) {
            Path dir = workDir().resolve("kafka");
            System.setProperty(KAFKA_DIR, dir.toString());
            System.setProperty(KAFKA_PORT, Integer.toString(Net.freePort()));
            System.setProperty(KAFKA_CONTROLLER_PORT, Integer.toString(Net.freePort()));
            KafkaServer kafka = kafka();
            kafka.start(Duration.ofMinutes(2));
            kafka.createTopics(Topics.ALL, Topics.PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> kafka().stop(), "isms-test-kafka-stop"));
        }
        return "127.0.0.1:" + System.getProperty(KAFKA_PORT);
    }

    /** A handle on the shared broker, from any class loader: it acts through the broker's directory and pid file. */
    static KafkaServer kafka() {
        return new KafkaServer(Path.of(System.getProperty(KAFKA_DIR)), Integer.getInteger(KAFKA_PORT),
                Integer.getInteger(KAFKA_CONTROLLER_PORT));
    }

    static synchronized Path workDir() {
        String dir = System.getProperty(WORK_DIR);
        if (dir != null) {
            return Path.of(dir);
        }
        try {
            Path created = Files.createTempDirectory("isms-test-");
            System.setProperty(WORK_DIR, created.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "isms-test-cleanup"));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
