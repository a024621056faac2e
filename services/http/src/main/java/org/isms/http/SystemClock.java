package org.isms.http;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of time for every application: the system's clock in UTC, injected wherever code reads
 * "now", so that tests can set and move it (they replace this bean with {@code org.isms.testing.TestClock}).
 */
public class SystemClock {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
