package org.isms.platform.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * "Now" as the services keep it, read from the injected {@link Clock} ({@code org.isms.http.SystemClock}, which
 * tests replace with {@code org.isms.testing.TestClock}); never from a {@code now()} of their own.
 */
public final class Clocks {
    private Clocks() {
    }

    /** Now, in UTC, to the microsecond (what PostgreSQL's {@code timestamptz} keeps, so a read-back compares equal). */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Today's date in UTC. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
