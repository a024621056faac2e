package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On demand ({@code ./isms bench e2e}): the same GET of an asset by id, directly on asset-service and
 * through the gateway with the same valid token. First the direct path's ceiling (closed loop, 16 clients),
 * then both paths at that offered rate and at half of it (open loop, requests sent on a fixed schedule):
 * achieved throughput, the gateway/direct ratio, p50 and p99. Printed, never asserted.
 *
 * <p>The gateway's rate limit (50 per second per caller) would measure itself, so a stack this benchmark
 * starts gets {@code GATEWAY_LIMITS_RATE}/{@code _BURST} raised; a running stack is measured as it is.
 */
@ExtendWith(RunningStack.class)
class GatewayBenchmark {
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    static final int CLIENTS = Integer.getInteger("bench.clients", 16);

    final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8))
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void directVersusThroughTheGateway() throws Exception {
        String token = KeycloakTokens.password(RunningStack.KEYCLOAK, "officer");
        String id = GatewayE2ETest.as(token).body(GatewayE2ETest.asset("bench " + UUID.randomUUID())).post("/api/assets")
                .then().statusCode(201).extract().path("id");
        URI direct = URI.create("http://127.0.0.1:8081/api/assets/" + id);
        URI gateway = URI.create(RunningStack.GATEWAY + "/api/assets/" + id);

        closedLoop(direct, token, Duration.ofSeconds(5)); // warm-up
        closedLoop(gateway, token, Duration.ofSeconds(5));
        double ceiling = closedLoop(direct, token, PHASE).throughput();
        System.out.printf(Locale.ROOT, "%n== gateway benchmark: GET /api/assets/{id}, direct ceiling %.0f req/s"
                + " (closed loop, %d clients, %d s)%n", ceiling, CLIENTS, PHASE.toSeconds());
        for (double share : new double[] { 1.0, 0.5 }) {
            double rate = ceiling * share;
            Result d = openLoop(direct, token, rate);
            Result g = openLoop(gateway, token, rate);
            System.out.printf(Locale.ROOT, "offered %5.0f req/s (%3.0f%% of ceiling): direct %6.0f req/s p50 %6.2f ms"
                    + " p99 %7.2f ms | gateway %6.0f req/s p50 %6.2f ms p99 %7.2f ms | gateway/direct throughput %.2f%n",
                    rate, share * 100, d.throughput(), d.p50(), d.p99(), g.throughput(), g.p50(), g.p99(),
                    g.throughput() / d.throughput());
            assertThat(d.ok()).as("direct requests answered 200").isPositive();
            assertThat(g.ok()).as("gateway requests answered 200").isPositive();
        }
        System.out.printf(Locale.ROOT, "(JVM %s, %d cores; everything on this machine)%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
    }

    record Result(double throughput, double p50, double p99, long ok) {
    }

    /** CLIENTS callers, each sending its next request when the last one is answered. */
    private Result closedLoop(URI uri, String token, Duration duration) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                        ok.addAndGet(r.statusCode() == 200 ? 1 : 0);
                    } catch (Exception e) {
                        return;
                    }
                    nanos.add(System.nanoTime() - t);
                }
            }, Executors.newVirtualThreadPerTaskExecutor()));
        }
        long start = end - duration.toNanos();
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get();
        return result(nanos, ok.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Requests sent on a fixed schedule at {@code rate} per second, whatever the answers take. */
    private Result openLoop(URI uri, String token, double rate) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        List<CompletableFuture<?>> all = new ArrayList<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long interval = Math.max(1, (long) (1e9 / rate));
        long total = (long) (rate * PHASE.toSeconds());
        CountDownLatch scheduled = new CountDownLatch((int) total);
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            synchronized (all) {
                if (all.size() >= total) {
                    return;
                }
                long t = System.nanoTime();
                all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    if (e == null) {
                        nanos.add(System.nanoTime() - t);
                        ok.addAndGet(r.statusCode() == 200 ? 1 : 0);
                    }
                }));
                scheduled.countDown();
            }
        }, 0, interval, TimeUnit.NANOSECONDS);
        scheduled.await(); // every request of the phase sent
        clock.shutdownNow();
        List<CompletableFuture<?>> sent;
        synchronized (all) {
            sent = List.copyOf(all);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
        return result(nanos, ok.get(), (System.nanoTime() - start) / 1e9);
    }

    private static Result result(ConcurrentLinkedQueue<Long> nanos, long ok, double seconds) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Result(0, 0, 0, ok);
        }
        return new Result(ok / seconds, ms(sorted, 0.50), ms(sorted, 0.99), ok);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static Map<String, String> stackEnvironment() {
        return Map.of("GATEWAY_LIMITS_RATE", "1000000", "GATEWAY_LIMITS_BURST", "1000000");
    }
}
