package org.isms.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.isms.stack.ChildProcess;
import org.isms.stack.KafkaServer;
import org.isms.stack.Net;
import org.isms.stack.PostgresServer;
import org.isms.stack.QuarkusService;
import org.isms.stack.Stack;

/**
 * Takes parts of the running stack away and brings them back, as an operator's bad day would: a service
 * killed (SIGKILL, no shutdown), Kafka stopped, PostgreSQL restarted. A component started again here runs as
 * the stack started it (same ports, data, settings) and writes its pid file, so {@code ./isms down} stops it.
 */
final class StackControl {
    static final Path ISMS = RunningStack.root().resolve(".isms");

    private StackControl() {
    }

    /** Kills the service at once (SIGKILL): no shutdown hook, no last relay round, no offset commit. */
    static void kill(String service) throws IOException {
        Path pidFile = ISMS.resolve("pids").resolve(service + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
        p.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive());
    }

    /** Stops the service the way ./isms down does (SIGTERM, a graceful shutdown). */
    static void stop(String service) {
        ChildProcess.stopFromPidFile(ISMS.resolve("pids").resolve(service + ".pid"), Duration.ofSeconds(30));
    }

    /** Starts the service as the stack does, with {@code extraEnv} on top; waits until it is ready. */
    static void start(String service, Map<String, String> extraEnv) {
        QuarkusService.named(service).start(RunningStack.root(), ISMS, postgres(), "localhost:" + Stack.KAFKA_PORT,
                RunningStack.KEYCLOAK + "/realms/isms", extraEnv, Duration.ofMinutes(3));
    }

    static KafkaServer kafka() {
        return new KafkaServer(ISMS.resolve("data/kafka"), Stack.KAFKA_PORT, Stack.KAFKA_PORT + 1);
    }

    /** Stops the stack's PostgreSQL (fast shutdown); start it again with the answer. */
    static PostgresServer.Stopped stopPostgres() {
        return PostgresServer.stopEmbedded(ISMS.resolve("data/postgres"), Duration.ofSeconds(60));
    }

    static PostgresServer postgres() {
        return PostgresServer.external("127.0.0.1", Stack.POSTGRES_PORT, "postgres", "postgres");
    }

    /** The first column of the first row of a query on a service's database, as a long. */
    static long count(String database, String sql, Object... args) throws SQLException {
        try (Connection c = postgres().connect(database); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** A service's readiness status: 200 ready, 503 not, -1 not answering. */
    static int readiness(String service) {
        return Net.status(QuarkusService.named(service).healthUrl());
    }
}
