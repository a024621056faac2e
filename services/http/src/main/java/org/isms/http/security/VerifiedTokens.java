package org.isms.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bearer tokens this instance has verified, each with what verifying it gave, until the token expires (or
 * {@code maxAge} has passed, whichever is first), at most {@code maxEntries} of them (least recently used go
 * first). Keyed by the SHA-256 of the token, so the map holds no token an attacker reading memory could replay
 * that it did not hold anyway. A token that failed verification is never kept: only what passed is.
 *
 * <p>Plain Java (no CDI), so its rules are tested without Quarkus; {@link CachedTokenIdentities} puts it in front
 * of the OIDC verification.
 *
 * @param <V> what a verification gave (the security identity)
 */
public final class VerifiedTokens<V> {
    /** One digest per thread (an event loop hashes a token per request; getInstance looks up the provider). */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private record Entry<V>(V value, Instant expires) {
    }

    private final Cache<String, Entry<V>> cache;
    private final Clock clock;
    private final Duration maxAge;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<String, Entry<V>>() {
                    @Override
                    public long expireAfterCreate(String key, Entry<V> e, long now) {
                        return Math.max(0, TimeUnit.MILLISECONDS.toNanos(e.expires().toEpochMilli() - clock.millis()));
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry<V> e, long now, long current) {
                        return expireAfterCreate(key, e, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry<V> e, long now, long current) {
                        return current;
                    }
                }).build();
    }

    /**
     * What verifying the token of this {@link #keyOf key} gave, if it was verified here and has not expired
     * since; null otherwise.
     */
    public V get(String key) {
        Entry<V> e = cache.getIfPresent(key);
        if (e == null || !clock.instant().isBefore(e.expires())) {
            misses.increment();
            return null;
        }
        hits.increment();
        return e.value();
    }

    /** Keeps what verifying the token of this key gave until {@code expiresAt} (capped by maxAge); an expired one is not kept. */
    public void put(String key, V value, Instant expiresAt) {
        Instant cap = clock.instant().plus(maxAge);
        Instant until = expiresAt.isBefore(cap) ? expiresAt : cap;
        if (until.isAfter(clock.instant())) {
            cache.put(key, new Entry<>(value, until));
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The key of a token: its SHA-256, hex. */
    public static String keyOf(String token) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
