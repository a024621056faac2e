package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.isms.stack.Net;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On demand ({@code ./isms bench e2e}): {@code GET /api/assets/{id}} of random assets of the tenant, measured
 * side by side in one run against the raw ceiling of the same read on the same machine:
 * <ol>
 * <li><b>raw</b>: {@link RawCeilingServer}, a bare Vert.x server with the reactive PostgreSQL client running the
 * same query on the same database, in a JVM of its own;</li>
 * <li><b>direct</b>: asset-service with a real token;</li>
 * <li><b>gateway</b>: the same through the gateway.</li>
 * </ol>
 * Each is driven closed-loop by {@code bench.clients} (32) keep-alive connections of a Vert.x client for
 * {@code bench.seconds} (15) after a warm-up; throughput, p50, p99 and the ratios are printed, never asserted.
 * {@code bench.runs} (1) repeats the three.
 *
 * <p>The gateway's rate limit (50 per second per caller) would measure itself, so a stack this benchmark
 * starts gets {@code GATEWAY_LIMITS_RATE}/{@code _BURST} raised; a running stack is measured as it is.
 */
@ExtendWith(RunningStack.class)
class GatewayBenchmark {
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 8));
    static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    static final int RUNS = Integer.getInteger("bench.runs", 1);
    static final int ASSETS = 200;

    @Test
    void readByIdAgainstTheRawCeiling() throws Exception {
        String token = KeycloakTokens.password(RunningStack.KEYCLOAK, "officer");
        List<String> ids = sampleIds(token);
        int rawPort = Net.freePort();
        Process raw = startRaw(rawPort);
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(CLIENTS));
            Target[] targets = {
                new Target("raw", URI.create("http://127.0.0.1:" + rawPort + "/assets/"), null),
                new Target("direct", URI.create("http://127.0.0.1:8081/api/assets/"), token),
                new Target("gateway", URI.create("http://127.0.0.1:8080/api/assets/"), token) };
            for (Target t : targets) {
                closedLoop(http, t, ids, WARM_UP);
            }
            System.out.printf(Locale.ROOT, "%n== GET /api/assets/{id}, %d random assets, closed loop, %d connections,"
                    + " %d s each%n", ids.size(), CLIENTS, PHASE.toSeconds());
            for (int run = 1; run <= RUNS; run++) {
                Result r = closedLoop(http, targets[0], ids, PHASE);
                Result d = closedLoop(http, targets[1], ids, PHASE);
                Result g = closedLoop(http, targets[2], ids, PHASE);
                System.out.printf(Locale.ROOT, "run %d: raw %6.0f req/s p50 %5.2f ms p99 %6.2f ms | direct %6.0f req/s"
                        + " p50 %5.2f ms p99 %6.2f ms | gateway %6.0f req/s p50 %5.2f ms p99 %6.2f ms%n", run,
                        r.throughput(), r.p50(), r.p99(), d.throughput(), d.p50(), d.p99(), g.throughput(), g.p50(),
                        g.p99());
                System.out.printf(Locale.ROOT, "       direct/raw %.2f   gateway/raw %.2f   gateway/direct %.2f"
                        + "   (errors: raw %d, direct %d, gateway %d)%n", d.throughput() / r.throughput(),
                        g.throughput() / r.throughput(), g.throughput() / d.throughput(), r.failed(), d.failed(),
                        g.failed());
                for (Result x : List.of(r, d, g)) {
                    assertThat(x.ok()).as("answers 200").isPositive();
                }
            }
            System.out.printf(Locale.ROOT, "(JVM %s, %d cores; load generator, raw server, stack on this machine)%n%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            raw.destroy();
            raw.waitFor(10, TimeUnit.SECONDS);
        }
    }

    record Target(String name, URI base, String token) {
    }

    record Result(double throughput, double p50, double p99, long ok, long failed) {
    }

    /** Up to ASSETS ids of the tenant's assets, registering what is missing. */
    private static List<String> sampleIds(String token) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < ASSETS / 100 && ids.size() < ASSETS; page++) {
            JsonPath list = GatewayE2ETest.as(token).get("/api/assets?size=100&page=" + page).then().statusCode(200)
                    .extract().jsonPath();
            ids.addAll(list.getList("items.id", String.class));
        }
        while (ids.size() < ASSETS) {
            ids.add(GatewayE2ETest.as(token).body(GatewayE2ETest.asset("bench " + UUID.randomUUID()))
                    .post("/api/assets").then().statusCode(201).extract().path("id"));
        }
        return ids;
    }

    private static Process startRaw(int port) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String host = System.getenv().getOrDefault("ISMS_POSTGRES_HOST", "127.0.0.1");
        boolean external = !System.getenv().getOrDefault("ISMS_POSTGRES_HOST", "").isBlank();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                RawCeilingServer.class.getName(), String.valueOf(port), host,
                external ? System.getenv().getOrDefault("ISMS_POSTGRES_PORT", "5432") : "5532", "asset",
                external ? System.getenv().getOrDefault("ISMS_POSTGRES_USER", "postgres") : "postgres",
                external ? System.getenv().getOrDefault("ISMS_POSTGRES_PASSWORD", "") : "postgres", "acme")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Net.isPortOpen(port));
        return p;
    }

    /** CLIENTS loops, each sending its next request when the last one is answered, for {@code duration}. */
    private static Result closedLoop(HttpClient http, Target target, List<String> ids, Duration duration)
            throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Loop> loops = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Loop loop = new Loop(http, target, ids, end, ok, failed);
            loops.add(loop);
            loop.next();
        }
        CompletableFuture.allOf(loops.stream().map(l -> l.done).toArray(CompletableFuture[]::new))
                .get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = loops.stream().flatMapToLong(l -> Arrays.stream(l.nanos, 0, l.count)).sorted().toArray();
        return all.length == 0 ? new Result(0, 0, 0, ok.get(), failed.get())
                : new Result(ok.get() / seconds, ms(all, 0.50), ms(all, 0.99), ok.get(), failed.get());
    }

    /** One connection's closed loop; its latencies are written only from the event loop that runs it. */
    private static final class Loop {
        final HttpClient http;
        final Target target;
        final List<String> ids;
        final long end;
        final AtomicLong ok;
        final AtomicLong failed;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long[] nanos = new long[4096];
        int count;

        Loop(HttpClient http, Target target, List<String> ids, long end, AtomicLong ok, AtomicLong failed) {
            this.http = http;
            this.target = target;
            this.ids = ids;
            this.end = end;
            this.ok = ok;
            this.failed = failed;
        }

        void next() {
            long t = System.nanoTime();
            if (t >= end) {
                done.complete(null);
                return;
            }
            String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            RequestOptions req = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.base().getHost())
                    .setPort(target.base().getPort()).setURI(target.base().getPath() + id);
            if (target.token() != null) {
                req.putHeader("Authorization", "Bearer " + target.token());
            }
            http.request(req).compose(r -> r.send()).compose(res -> res.body().map(b -> res.statusCode()))
                    .onComplete(ar -> {
                        if (ar.succeeded() && ar.result() == 200) {
                            ok.incrementAndGet();
                            record(System.nanoTime() - t);
                        } else {
                            failed.incrementAndGet();
                        }
                        next();
                    });
        }

        private void record(long n) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, nanos.length * 2);
            }
            nanos[count++] = n;
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static Map<String, String> stackEnvironment() {
        return Map.of("GATEWAY_LIMITS_RATE", "1000000", "GATEWAY_LIMITS_BURST", "1000000");
    }
}
