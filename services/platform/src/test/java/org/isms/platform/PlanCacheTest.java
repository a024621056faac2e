package org.isms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.isms.platform.testapp.NoteRepository;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Reactive 3.2 (ORM 7.2) caches a native SELECT's plan under a key that never matches again: every
 * execution adds an entry, all with the statement's hash, and each lookup walks them (hibernate-reactive#4078 gives
 * queries a way out, in 4.5). The platform keeps the cache small for it (`query-plan-cache-max-size`); this test
 * fails if the setting goes while the behaviour stays, and keeps passing once a fixed Hibernate adds no entries.
 */
@QuarkusTest
class PlanCacheTest {
    @Inject
    NoteRepository notes;

    @Inject
    Mutiny.SessionFactory factory;

    /** What the platform's defaults allow (at Hibernate's default, 2,048, these 384 selects would all stay). */
    static final int BOUND = 128;

    @Test
    void shouldKeepThePlanCacheBoundedWhateverNativeSelectsAddToIt() throws Throwable {
        for (int i = 0; i < BOUND * 3; i++) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> notes.lockTenant("plans", "acme")));
        }
        // the cache evicts in its own time, so it may hold a few over its bound for a moment
        assertThat(cachedPlans()).as("plans cached after %d native selects", BOUND * 3).isLessThanOrEqualTo(BOUND + BOUND / 4);
    }

    /** The plans Hibernate holds: its session factory is behind the reactive one, in a field of its own. */
    private int cachedPlans() throws IllegalAccessException {
        Object reactive = ClientProxy.unwrap(factory);
        for (Class<?> c = reactive.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (SessionFactoryImplementor.class.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    return ((SessionFactoryImplementor) f.get(reactive)).getQueryEngine().getInterpretationCache()
                            .getNumberOfCachedQueryPlans();
                }
            }
        }
        throw new IllegalStateException("no Hibernate session factory inside " + reactive.getClass());
    }
}
