package org.isms.platform.outbox;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Tells the relay that events were committed: a connection of its own listens on the channel the outbox's
 * trigger notifies ({@code V0_4__outbox_notify.sql}), so the relay publishes right after the commit instead of
 * at its next poll. A lost connection is opened again after a second; meanwhile the relay's poll carries on, so
 * a missed notification only delays an event by one poll interval.
 */
final class OutboxSignal {
    static final String CHANNEL = "isms_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxSignal.class);
    private static final long RECONNECT_MS = 1000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Semaphore pending = new Semaphore(0);
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    OutboxSignal(Vertx vertx, PgConnectOptions options) {
        this.vertx = vertx;
        this.options = options;
    }

    void start() {
        stopped = false;
        connect();
    }

    void stop() {
        stopped = true;
        PgSubscriber s = subscriber;
        if (s != null) {
            s.close();
        }
        pending.release(); // a relay waiting in await() returns at once
    }

    /** Waits until a commit is signalled or {@code timeout} passes; signals that came meanwhile count once. */
    void await(Duration timeout) throws InterruptedException {
        if (pending.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            pending.drainPermits();
        }
    }

    /** Forgets the signals so far: called before a round, which sees every row committed before it starts. */
    void clear() {
        pending.drainPermits();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        PgSubscriber s = PgSubscriber.subscriber(vertx, options);
        s.channel(CHANNEL).handler(payload -> pending.release());
        s.closeHandler(v -> retryLater(s));
        subscriber = s;
        s.connect().onFailure(e -> {
            LOG.debugf("outbox: cannot listen for commits yet (%s); polling meanwhile", e.toString());
            retryLater(s);
        });
    }

    /** Opens a new listener once for a failed or closed one (both may be reported for the same attempt). */
    private synchronized void retryLater(PgSubscriber failed) {
        if (!stopped && subscriber == failed) {
            subscriber = null;
            vertx.setTimer(RECONNECT_MS, t -> connect());
        }
    }
}
