package org.isms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.isms.platform.retention.Retention;
import org.isms.testing.SharedServers;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The purge of published outbox rows and processed-event records: only what is older than its retention,
 * never a pending row, and an event processed within the retention stays a duplicate. Time passes by
 * moving the application's clock.
 */
@QuarkusTest
class RetentionTest {
    @Inject
    Retention retention;

    @Inject
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void shouldPurgeOnlyWhatIsOlderThanItsRetention() throws Throwable {
        String run = UUID.randomUUID().toString();
        insertOutbox(run, "sent", true);
        insertOutbox(run, "pending", false);
        insertProcessed(run);
        try {
            purgeInTime(run);
        } finally {
            org.isms.testing.TestDb.update("delete from outbox where aggregate_id = ?", run + "-pending");
        }
    }

    private void purgeInTime(String run) throws Throwable {
        // eight days on: published rows are past their 7 days, processed events not past their 30
        clock.advance(Duration.ofDays(8));
        Retention.Purged first = VertxContextSupport.subscribeAndAwait(() -> retention.purge());
        assertThat(first.sentEvents()).isGreaterThanOrEqualTo(1);
        assertThat(outbox(run, "sent")).isZero();
        assertThat(outbox(run, "pending")).as("a pending row is never purged").isEqualTo(1);
        assertThat(processed(run)).as("within the processed-events retention").isEqualTo(1);

        // thirty-one days on: the processed-event record goes too (the one window: a redelivery older than this)
        clock.advance(Duration.ofDays(23));
        Retention.Purged second = VertxContextSupport.subscribeAndAwait(() -> retention.purge());
        assertThat(second.processedEvents()).isGreaterThanOrEqualTo(1);
        assertThat(processed(run)).isZero();
        assertThat(outbox(run, "pending")).isEqualTo(1);
    }

    private static void insertOutbox(String run, String kind, boolean sent) throws Exception {
        try (Connection c = SharedServers.postgres().connect("isms_test");
                PreparedStatement insert = c.prepareStatement("insert into outbox (event_id, event_type, topic, "
                        + "aggregate_id, tenant_id, source, occurred_at, payload, sent_at) values (?, 'isms.note.created.v1',"
                        + " ?, ?, 'acme', '/isms/platform-test', now(), cast(? as jsonb), " + (sent ? "now()" : "null") + ")")) {
            insert.setObject(1, UUID.randomUUID());
            // the pending one names a topic Kafka refuses, so the relay keeps it pending however often it tries
            insert.setString(2, sent ? "isms.note.events" : "not a topic!");
            insert.setString(3, run + "-" + kind);
            insert.setString(4, "{\"run\":\"" + run + "\",\"kind\":\"" + kind + "\"}");
            insert.executeUpdate();
        }
    }

    private static void insertProcessed(String run) throws Exception {
        try (Connection c = SharedServers.postgres().connect("isms_test");
                PreparedStatement insert = c.prepareStatement(
                        "insert into processed_event (consumer, event_id, event_type) values ('retention-test', ?, 'x')")) {
            insert.setString(1, run);
            insert.executeUpdate();
        }
    }

    private static long outbox(String run, String kind) throws Exception {
        return OutboxTest.count("select count(*) from outbox where aggregate_id = ?", run + "-" + kind);
    }

    private static long processed(String run) throws Exception {
        return OutboxTest.count("select count(*) from processed_event where event_id = ?", run);
    }
}
