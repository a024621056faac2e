package org.isms.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of the application under test, in place of the system's (every {@code @QuarkusTest} gets it:
 * it is an enabled alternative of the platform's {@code Clock}). It runs with real time, shifted by an offset
 * the test moves: {@code clock.advance(Duration.ofDays(400))} makes an acceptance expire without waiting.
 * Inject it into the test ({@code @Inject TestClock clock}) and {@link #reset()} it after moving it, because
 * the application, and so the clock, is shared by the module's test classes.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
    private final Clock system = Clock.systemUTC();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** The application's clock, for a test's static helpers (an injected field does as well). */
    public static TestClock current() {
        return CDI.current().select(TestClock.class).get();
    }

    /** The date {@code days} from this clock's today (UTC): dates in test data that stay valid as time passes. */
    public LocalDate today(int days) {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC).plusDays(days);
    }

    /** Moves time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    /** Back to real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }
}
