package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.isms.testing.KafkaBroker;
import org.isms.testing.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On demand ({@code ./isms bench e2e}): how long after an asset is reclassified its risk is flagged for review,
 * across the whole event path (asset-service's transaction and outbox, the relay, Kafka, risk-service's
 * consumer, its transaction and outbox, its relay, Kafka again). {@code bench.flag.rate} (50) reclassifications
 * per second, open loop, for {@code bench.flag.seconds} (60), spread over as many assets, each with one risk; the
 * latency of each is from the moment its request is sent to the moment this benchmark reads the risk's
 * {@code isms.risk.review-required.v1} event from Kafka. p50, p99 and max are printed, never asserted.
 */
@ExtendWith(RunningStack.class)
class FlagLatencyBenchmark {
    static final int RATE = Integer.getInteger("bench.flag.rate", 50);
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.flag.seconds", 60));
    static final String REVIEW_REQUIRED = "isms.risk.review-required.v1";

    final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void reclassifiedAssetToFlaggedRisk() throws Exception {
        String token = KeycloakTokens.password(RunningStack.KEYCLOAK, "officer");
        GatewayE2ETest.tokens();
        int assets = RATE; // each asset is reclassified once a second
        List<String> assetIds = new ArrayList<>();
        Map<String, String> assetOfRisk = new HashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < assets; i++) {
            String assetId = GatewayE2ETest.registered("flag bench " + run + " " + i);
            assetIds.add(assetId);
            assetOfRisk.put(GatewayE2ETest.recorded(assetId, "owner"), assetId);
        }

        // per asset: the send times of its reclassifications, in order; its events arrive in the same order
        Map<String, ConcurrentLinkedDeque<Long>> sent = new ConcurrentHashMap<>();
        assetIds.forEach(a -> sent.put(a, new ConcurrentLinkedDeque<>()));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(assetOfRisk, sent, latencies, reading, ready), "bench-reader");
        reader.start();
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("reader at the end of isms.risk.events").isTrue();

        Map<String, Long> versions = new ConcurrentHashMap<>();
        assetIds.forEach(a -> versions.put(a, 0L));
        Map<String, Integer> confidentiality = new ConcurrentHashMap<>(); // what the asset's last change set
        Map<String, Boolean> busy = new ConcurrentHashMap<>();
        AtomicInteger tick = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<String, AtomicLong> refusals = new ConcurrentHashMap<>(); // by status (or exception) and problem type
        long total = RATE * PHASE.toSeconds();
        CountDownLatch scheduled = new CountDownLatch((int) total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> {
            int n = tick.getAndIncrement();
            if (n >= total) {
                return;
            }
            String asset = assetIds.get(n % assets);
            if (busy.putIfAbsent(asset, Boolean.TRUE) != null) {
                skipped.incrementAndGet(); // its last change is not answered yet: its version is not known
            } else {
                // 3, 1, 3 ... per asset, from what its last accepted change set: every change is a change, also
                // after a tick skipped while the asset was busy
                int c = confidentiality.getOrDefault(asset, 1) == 3 ? 1 : 3;
                String body = "{\"confidentiality\":" + c + ",\"integrity\":2,\"availability\":2,"
                        + "\"reason\":\"bench " + n + "\"}";
                HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/assets/" + asset
                        + "/classification")).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json").header("If-Match", "\"" + versions.get(asset) + "\"")
                        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                sent.get(asset).add(System.nanoTime());
                http.sendAsync(put, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    if (e == null && r.statusCode() == 200) {
                        accepted.incrementAndGet();
                        // the answer's ETag is the version the next change must name
                        versions.put(asset, Long.parseLong(r.headers().firstValue("ETag").orElseThrow().replaceAll("\\D", "")));
                        confidentiality.put(asset, c);
                    } else {
                        refused.incrementAndGet();
                        String why = e != null ? e.getClass().getSimpleName()
                                : r.statusCode() + " " + r.body().replaceAll("(?s).*\"type\":\"([^\"]*)\".*", "$1");
                        refusals.computeIfAbsent(why.length() > 120 ? why.substring(0, 120) : why,
                                k -> new AtomicLong()).incrementAndGet();
                        sent.get(asset).pollLast(); // no event will come for it (the last one sent: nothing after it yet)
                    }
                    busy.remove(asset);
                });
            }
            scheduled.countDown();
        }, 0, 1_000_000_000L / RATE, TimeUnit.NANOSECONDS);
        scheduled.await();
        clock.shutdownNow();
        long sentAll = System.nanoTime();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> latencies.size() >= accepted.get());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.printf(Locale.ROOT, "%nnot every flag within 120 s of the last change: %d of %d%n",
                    latencies.size(), accepted.get());
        }
        System.out.printf(Locale.ROOT, "last flag read %.1f s after the last change was sent%n",
                (System.nanoTime() - sentAll) / 1e9);
        reading.set(false);
        reader.join(10_000);

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%n== asset reclassified -> risk flagged (review-required event read from Kafka):"
                + " %d/s for %d s over %d assets%n", RATE, PHASE.toSeconds(), assets);
        if (!refusals.isEmpty()) {
            System.out.println("refused: " + refusals);
        }
        System.out.printf(Locale.ROOT, "%d reclassified (%d skipped: previous change unanswered, %d refused), %d flags:"
                + " p50 %.1f ms  p99 %.1f ms  max %.1f ms%n", accepted.get(), skipped.get(), refused.get(), sorted.length,
                ms(sorted, 0.50), ms(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.printf(Locale.ROOT, "(JVM %s, %d cores; everything on this machine)%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        assertThat(sorted.length).as("a flag for every accepted reclassification").isEqualTo((int) accepted.get());
    }

    private static void read(Map<String, String> assetOfRisk, Map<String, ConcurrentLinkedDeque<Long>> sent,
            ConcurrentLinkedQueue<Long> latencies, AtomicBoolean reading, CountDownLatch ready) {
        try (KafkaConsumer<String, String> consumer = KafkaBroker.consumerOn("localhost:9092")) {
            List<TopicPartition> partitions = consumer.partitionsFor("isms.risk.events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready.countDown();
            while (reading.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                    long at = System.nanoTime();
                    Header type = r.headers().lastHeader("ce_type");
                    String asset = assetOfRisk.get(r.key());
                    if (asset != null && type != null
                            && REVIEW_REQUIRED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        Long t = sent.get(asset).poll();
                        if (t != null) {
                            latencies.add(at - t);
                        }
                    }
                }
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
