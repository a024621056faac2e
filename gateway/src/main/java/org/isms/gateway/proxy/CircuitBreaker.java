package org.isms.gateway.proxy;

import java.time.Duration;

/**
 * A service's circuit: after {@code failures} consecutive failures it opens and the gateway answers 503
 * at once, without waiting for the service, for {@code open}; then one request may try again (half-open):
 * a success closes it, a failure opens it again.
 */
final class CircuitBreaker {
    private final int failures;
    private final long openNanos;
    private int consecutive;
    private long openUntil;
    private boolean trial;

    CircuitBreaker(int failures, Duration open) {
        this.failures = failures;
        this.openNanos = open.toNanos();
    }

    /** Whether a request may go to the service now; seconds to wait otherwise (0 = go). */
    synchronized long allow(long now) {
        if (consecutive < failures) {
            return 0;
        }
        if (now < openUntil || trial) {
            return Math.max(1, (openUntil - now) / 1_000_000_000L);
        }
        trial = true; // half-open: this one request tries
        return 0;
    }

    synchronized void success() {
        consecutive = 0;
        trial = false;
    }

    synchronized void failure(long now) {
        consecutive++;
        trial = false;
        if (consecutive >= failures) {
            openUntil = now + openNanos;
        }
    }
}
