package org.isms.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final VerifiedTokens<String> tokens = new VerifiedTokens<>(3, Duration.ofMinutes(5), clock);

    @Test
    void shouldAnswerAKeptTokenUntilItExpires() {
        String key = VerifiedTokens.keyOf("token-a");
        tokens.put(key, "alice", clock.now.plusSeconds(60));
        assertThat(tokens.get(key)).isEqualTo("alice");
        clock.now = clock.now.plusSeconds(59);
        assertThat(tokens.get(key)).isEqualTo("alice");
        clock.now = clock.now.plusSeconds(1);
        assertThat(tokens.get(key)).as("at exp the token is verified again").isNull();
        assertThat(tokens.hits()).isEqualTo(2);
        assertThat(tokens.misses()).isEqualTo(1);
    }

    @Test
    void shouldKeepATokenNoLongerThanTheMaximumAge() {
        String key = VerifiedTokens.keyOf("long-lived");
        tokens.put(key, "bob", clock.now.plus(Duration.ofHours(10)));
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(tokens.get(key)).isNull();
    }

    @Test
    void shouldNotKeepAnExpiredToken() {
        String key = VerifiedTokens.keyOf("expired");
        tokens.put(key, "carol", clock.now.minusSeconds(1));
        assertThat(tokens.get(key)).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void shouldKeepAtMostTheMaximumNumberOfTokens() {
        for (int i = 0; i < 10; i++) {
            tokens.put(VerifiedTokens.keyOf("token-" + i), "user-" + i, clock.now.plusSeconds(60));
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void shouldKeyByAHashThatDiffersForEveryToken() {
        assertThat(VerifiedTokens.keyOf("a.b.c")).hasSize(64).isNotEqualTo(VerifiedTokens.keyOf("a.b.d"))
                .doesNotContain("a.b.c");
        assertThat(tokens.get(VerifiedTokens.keyOf("never-seen"))).isNull();
    }
}
