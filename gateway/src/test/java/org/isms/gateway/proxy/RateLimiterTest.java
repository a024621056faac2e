package org.isms.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token buckets, with time passed in (nanoseconds): plain JUnit, no Quarkus. */
class RateLimiterTest {
    static final long SECOND = 1_000_000_000L;

    final RateLimiter limiter = new RateLimiter(2, 3); // 2 a second, bursts of 3

    @Test
    void shouldAllowABurstThenTellHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("alice", 0)).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.take("alice", 0)).as("Retry-After in whole seconds, at least 1").isEqualTo(1);
    }

    @Test
    void shouldRefillAtTheRateAndNeverAboveTheBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.take("bob", 0);
        }
        assertThat(limiter.take("bob", SECOND / 2)).as("one token back after half a second").isZero();
        assertThat(limiter.take("bob", SECOND / 2)).isPositive();
        long muchLater = 100 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("bob", muchLater)).isZero();
        }
        assertThat(limiter.take("bob", muchLater)).as("refilled up to the burst only").isPositive();
    }

    @Test
    void shouldKeepEachCallersBucketApart() {
        for (int i = 0; i < 3; i++) {
            limiter.take("carol", 0);
        }
        assertThat(limiter.take("carol", 0)).isPositive();
        assertThat(limiter.take("dave", 0)).as("another caller has a full bucket").isZero();
    }

    @Test
    void shouldDropOnlyBucketsThatAreFullAgain() {
        limiter.take("erin", 0);
        for (int i = 0; i < 3; i++) {
            limiter.take("frank", 0);
        }
        limiter.sweep(SECOND / 2); // erin: 2 + 1 = full again; frank: 0 + 1 of 3
        assertThat(limiter.take("frank", SECOND / 2)).as("frank's bucket was kept: one token").isZero();
        assertThat(limiter.take("frank", SECOND / 2)).as("and only one").isPositive();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("erin", SECOND / 2)).as("erin, dropped as full, starts full again").isZero();
        }
    }
}
