package org.isms.gateway.proxy;

import java.time.Clock;
import java.time.Duration;

/**
 * A service's circuit. After {@code failures} consecutive upstream failures (unreachable, timed out, reset by
 * the service) it opens and the gateway answers 503 at once, for {@code open}; then one request may try
 * (half-open): its success closes the circuit, its upstream failure opens it again.
 *
 * <p>Only the service's own faults count. Every request holds a {@link Permit} and reports exactly one outcome:
 * {@link Permit#succeeded()}, {@link Permit#failed()}, or {@link Permit#released()} when it ended for a reason
 * that says nothing about the service (the caller stalled or went away, its body was over the limit). A trial
 * that ends so frees the half-open slot for the next request, so the circuit can never stay open for good.
 */
final class CircuitBreaker {
    private final int failures;
    private final long openMillis;
    private final Clock clock;
    private int consecutive;
    private long openUntil;
    private Permit trial;

    CircuitBreaker(int failures, Duration open, Clock clock) {
        this.failures = failures;
        this.openMillis = open.toMillis();
        this.clock = clock;
    }

    /** One request's pass through the circuit; its first outcome counts, later ones are ignored. */
    final class Permit {
        private final boolean isTrial;
        private boolean done;

        private Permit(boolean isTrial) {
            this.isTrial = isTrial;
        }

        /** The service answered. */
        void succeeded() {
            synchronized (CircuitBreaker.this) {
                if (finish()) {
                    consecutive = 0;
                }
            }
        }

        /** The service could not be reached, did not answer in time, or reset the exchange. */
        void failed() {
            synchronized (CircuitBreaker.this) {
                if (finish()) {
                    consecutive++;
                    if (isTrial || consecutive >= failures) {
                        openUntil = clock.millis() + openMillis;
                    }
                }
            }
        }

        /** The request ended for the caller's reasons: the service's record is left as it was. */
        void released() {
            synchronized (CircuitBreaker.this) {
                finish();
            }
        }

        private boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            if (trial == this) {
                trial = null;
            }
            return true;
        }
    }

    /** A permit to go to the service now, or null when the circuit is open (see {@link #retryAfterSeconds()}). */
    synchronized Permit acquire() {
        if (consecutive < failures) {
            return new Permit(false);
        }
        if (clock.millis() < openUntil || trial != null) {
            return null;
        }
        trial = new Permit(true); // half-open: this one request tries
        return trial;
    }

    /** Seconds until a request may try again (at least 1). */
    synchronized long retryAfterSeconds() {
        return Math.max(1, (openUntil - clock.millis() + 999) / 1000);
    }
}
