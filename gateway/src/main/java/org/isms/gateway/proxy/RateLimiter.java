package org.isms.gateway.proxy;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per caller: {@code burst} requests at once, refilled at {@code rate} per second. Kept in
 * the gateway's memory (one instance: exact; several: per instance). Idle buckets are dropped.
 */
final class RateLimiter {
    private final double rate;
    private final int burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RateLimiter(double rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    /** Takes a token for the caller: 0 when allowed, else the seconds until one is there (for Retry-After). */
    long take(String caller, long now) {
        Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * rate);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / rate));
        }
    }

    /** Drops buckets that are full again (idle long enough): they would start full anyway. */
    void sweep(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().at) / 1e9 * rate >= burst;
            }
        });
    }
}
