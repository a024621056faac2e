package org.isms.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Timed work as several instances of a service would run it: two at once, each repeating its batch until it finds
 * nothing more. What it acted on in total tells whether the claims kept the instances apart.
 */
public final class Instances {
    private Instances() {
    }

    /** Runs {@code batch} (the number it acted on) as two instances at once until both find nothing; the total. */
    public static int twoAtOnce(Supplier<Uni<Integer>> batch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> instance = () -> {
                int total = 0;
                int n;
                do {
                    try {
                        n = VertxContextSupport.subscribeAndAwait(batch::get);
                    } catch (Throwable t) {
                        throw new IllegalStateException("an instance failed", t);
                    }
                    total += n;
                } while (n > 0);
                return total;
            };
            Future<Integer> a = pool.submit(instance);
            Future<Integer> b = pool.submit(instance);
            return a.get() + b.get();
        } finally {
            pool.shutdown();
        }
    }
}
