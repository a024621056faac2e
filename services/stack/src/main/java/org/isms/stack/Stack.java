package org.isms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import org.isms.events.Topics;

/**
 * The supervisor behind {@code ./isms up}: starts PostgreSQL, Kafka, Keycloak, the five services and
 * the gateway one after another (on two cores parallel starts are slower), waits until each is
 * healthy, writes the state for {@code ./isms} to read, then stays until it is asked to stop (SIGTERM
 * from {@code ./isms down}) and stops everything in reverse order.
 *
 * <p>Everything lives under {@code .isms/}: {@code data/} (kept between runs; {@code ./isms reset}
 * removes it), {@code run/} (state), {@code pids/}, {@code logs/}, {@code cache/} (unpacked Keycloak).
 */
public final class Stack {
    public static final int POSTGRES_PORT = 5532;
    public static final int KAFKA_PORT = 9092;
    public static final int KEYCLOAK_PORT = 8180;

    private final Path root = StackSettings.repoRoot();
    private final Path isms = root.resolve(".isms");
    private final Path data = isms.resolve("data");
    private final Path run = isms.resolve("run");
    private final Path logs = isms.resolve("logs");
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        if (!"up".equals(command)) {
            System.err.println("usage: Stack up   (./isms drives it: ./isms up|down|status|logs|reset)");
            System.exit(2);
        }
        new Stack().up();
    }

    void up() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "isms-stack-stop"));
        long t0 = System.nanoTime();
        try {
            createDirectories();
            state("STARTING", "starting");
            PostgresServer pg = startPostgres();
            step("kafka");
            KafkaServer kafka = new KafkaServer(data.resolve("kafka"), KAFKA_PORT);
            stops.push(kafka::stop);
            kafka.start(Duration.ofMinutes(2));
            kafka.createTopics(Topics.ALL, Topics.PARTITIONS);
            ok("kafka", kafka.bootstrapServers());

            step("keycloak (first start ~90 s)");
            // an entry of the stack, like the gateway: API clients elsewhere (a SIEM connector) get their tokens here
            KeycloakServer keycloak = new KeycloakServer(data.resolve("keycloak"), KEYCLOAK_PORT, "0.0.0.0",
                    adminPassword(), "stack");
            stops.push(keycloak::stop);
            keycloak.start(pg, "keycloak", Duration.ofMinutes(5));
            ok("keycloak", keycloak.url());

            for (QuarkusService service : QuarkusService.ALL) {
                step(service.name());
                ChildProcess p = service.start(root, isms, pg, kafka.bootstrapServers(), keycloak.realmUrl(),
                        Duration.ofMinutes(3));
                // a build's first stop also writes its AOT cache (AotCache): give it the time, or it is lost
                stops.push(() -> p.stop(Duration.ofSeconds(60)));
                ok(service.name(), "http://localhost:" + service.port());
            }
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            state("READY", "all components healthy after " + seconds + " s");
            log("READY in " + seconds + " s");
        } catch (RuntimeException e) {
            log("FAILED: " + e.getMessage());
            failed = true;
            state("FAILED", e.getMessage());
            stopAll();
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(run);
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PostgresServer startPostgres() {
        String host = System.getenv("ISMS_POSTGRES_HOST");
        PostgresServer pg;
        if (host != null && !host.isBlank()) {
            step("postgres (external " + host + ")");
            pg = PostgresServer.external(host, Integer.parseInt(System.getenv().getOrDefault("ISMS_POSTGRES_PORT",
                    "5432")), System.getenv().getOrDefault("ISMS_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("ISMS_POSTGRES_PASSWORD", ""));
        } else {
            step("postgres");
            pg = PostgresServer.startEmbedded(data.resolve("postgres"), POSTGRES_PORT, logs.resolve("postgres.log"));
            stops.push(pg::close);
        }
        ok("postgres", pg.host() + ":" + pg.port());
        return pg;
    }

    /** The Keycloak bootstrap admin's password: made once, kept in the data directory (mode 600). */
    private String adminPassword() {
        Path file = data.resolve("keycloak-admin.secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            String secret = HexFormat.of().formatHex(bytes);
            Files.createDirectories(data);
            Files.writeString(file, secret);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void stopAll() {
        if (stops.isEmpty() && stopped.getCount() == 0) {
            return;
        }
        log("stopping");
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                log("while stopping: " + e.getMessage());
            }
        }
        if (!failed) { // the reason of a failed start stays readable for ./isms
            state("STOPPED", "stopped");
        }
        stopped.countDown();
    }

    private void step(String component) {
        state("STARTING", "starting " + component);
        log("starting " + component);
    }

    private void ok(String component, String where) {
        log("  " + component + " healthy at " + where);
    }

    private void log(String line) {
        System.out.println(Instant.now() + " " + line);
        System.out.flush();
    }

    private void state(String phase, String message) {
        try {
            Path tmp = run.resolve("state.tmp");
            Files.writeString(tmp, "phase=" + phase + "\nmessage=" + message.replace('\n', ' ') + "\n");
            Files.move(tmp, run.resolve("state"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
