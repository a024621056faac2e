package org.isms.platform.http;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs CPU-heavy work of a request (parsing an uploaded file) on a worker thread and continues on the
 * request's own Vert.x context, where Hibernate Reactive's session lives: the event loop stays free, and the
 * work after it runs where it must.
 */
public final class OffEventLoop {
    private OffEventLoop() {
    }

    public static <T> Uni<T> run(Supplier<T> work) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().item(work);
        }
        return Uni.createFrom().emitter(emitter -> context.<T>executeBlocking(work::get, false).onComplete(ar -> {
            if (ar.succeeded()) {
                emitter.complete(ar.result());
            } else {
                emitter.fail(ar.cause());
            }
        }));
    }
}
