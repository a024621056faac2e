package org.isms.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.Test;

/** The circuit's rules, without a server: only the service's failures count, every trial is given back. */
class CircuitBreakerTest {
    final TestClock clock = new TestClock();
    final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), clock);

    void open() {
        for (int i = 0; i < 3; i++) {
            breaker.acquire().failed();
        }
        assertThat(breaker.acquire()).isNull();
    }

    @Test
    void shouldOpenAfterConsecutiveFailuresAndOnlyThose() {
        breaker.acquire().failed();
        breaker.acquire().failed();
        breaker.acquire().succeeded();
        breaker.acquire().failed();
        breaker.acquire().released(); // a caller's doing: not counted
        breaker.acquire().failed();
        assertThat(breaker.acquire()).as("two in a row, not three").isNotNull();
        breaker.acquire().failed();
        assertThat(breaker.acquire()).as("three in a row").isNull();
        assertThat(breaker.retryAfterSeconds()).isEqualTo(10);
    }

    @Test
    void shouldLetOneTrialThroughAfterTheRestAndCloseOnItsSuccess() {
        open();
        clock.advance(Duration.ofSeconds(10));
        CircuitBreaker.Permit trial = breaker.acquire();
        assertThat(trial).isNotNull();
        assertThat(breaker.acquire()).as("one trial at a time").isNull();
        trial.succeeded();
        assertThat(breaker.acquire()).isNotNull();
        assertThat(breaker.acquire()).isNotNull();
    }

    @Test
    void shouldOpenAgainWhenTheTrialFails() {
        open();
        clock.advance(Duration.ofSeconds(10));
        breaker.acquire().failed();
        assertThat(breaker.acquire()).isNull();
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.acquire()).isNotNull();
    }

    @Test
    void shouldGiveBackATrialThatEndsForTheCallersReasons() {
        open();
        clock.advance(Duration.ofSeconds(10));
        breaker.acquire().released(); // stalled, left, or over the body limit
        CircuitBreaker.Permit next = breaker.acquire();
        assertThat(next).as("the next request may try").isNotNull();
        // an outcome reported twice counts once
        next.succeeded();
        next.failed();
        assertThat(breaker.acquire()).isNotNull();
    }
}
