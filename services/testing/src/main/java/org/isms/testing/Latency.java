package org.isms.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Latency figures for the on-demand benchmarks: runs a call sequentially (after a warm-up) and prints
 * p50, p99, max and throughput in one line. Only the share of answers that found something is checked
 * by the caller; figures are never asserted (shared, noisy machines).
 */
public final class Latency {
    /** One measured series: its printed line and how many answers found something. */
    public record Result(String line, long found) {
    }

    private Latency() {
    }

    public static Result measure(String name, int warmup, int requests, Callable<String> call, Predicate<String> found)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.call();
        }
        long[] nanos = new long[requests];
        long hits = 0;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long t = System.nanoTime();
            String body = call.call();
            nanos[i] = System.nanoTime() - t;
            hits += found.test(body) ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return new Result(String.format(Locale.ROOT,
                "%-70s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %6.0f req/s  (%d%% found)", name, ms(nanos, 0.50),
                ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, requests / seconds, hits * 100 / requests), hits);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
