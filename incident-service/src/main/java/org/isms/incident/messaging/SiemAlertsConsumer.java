package org.isms.incident.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.isms.incident.config.IntakeConfig;
import org.isms.incident.service.AlertDocuments;
import org.isms.incident.service.AlertIntake;
import org.isms.incident.service.AlertIntake.Received;
import org.isms.platform.tenancy.TenantFilter;
import org.isms.platform.time.Clocks;
import org.jboss.logging.Logger;

/**
 * The Kafka door of the intake: {@code isms.siem.alerts} in batches (one poll, one transaction of the pipeline).
 * Each record is one alert document or a JSON array of them, with its tenant in the {@code isms-tenant} header and
 * its format in {@code isms-format} (detected when absent). A record without a valid tenant, not JSON, or with an
 * alert of no known format is dead-lettered with the reason (its readable alerts of an array still count); the batch
 * goes on. A failure that is not the alerts' fault (the database away) is retried for as long as it takes, holding
 * the partitions; one that is an alert's (PostgreSQL refusing a value) is found by taking the batch alert by alert,
 * and only that record is dead-lettered. Idempotent without an inbox: an alert is kept once per source and id, so a
 * redelivered batch (after a crash or a rebalance) stores nothing twice.
 */
@ApplicationScoped
public class SiemAlertsConsumer {
    public static final String TENANT_HEADER = "isms-tenant";
    public static final String FORMAT_HEADER = "isms-format";
    private static final Logger LOG = Logger.getLogger(SiemAlertsConsumer.class);

    private final AlertIntake intake;
    private final DeadLetters deadLetters;
    private final IntakeConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;

    public SiemAlertsConsumer(AlertIntake intake, DeadLetters deadLetters, IntakeConfig config, MeterRegistry metrics,
            Clock clock) {
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A record's readable alerts and, if any part of it was not, why. */
    private record Parsed(ConsumerRecord<String, String> record, List<Received> alerts, String error) {
    }

    @Incoming("siem-alerts")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<Parsed> parsed = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            parsed.add(parse(r));
        }
        List<Received> alerts = new ArrayList<>();
        parsed.forEach(p -> alerts.addAll(p.alerts()));
        return ingest(alerts, parsed).chain(rejected -> Multi.createFrom().iterable(parsed)
                .filter(p -> p.error() != null || rejected.contains(p))
                .onItem().transformToUniAndConcatenate(p -> deadLetters.send(p.record(),
                        p.error() != null ? p.error() : "PostgreSQL refused a value of an alert of the record"
                                + " (a value it cannot store, or too long for its index)"))
                .collect().last().invoke(() -> count(alerts.size(), parsed, rejected)))
                .replaceWithVoid();
    }

    /** The batch through the pipeline; the records of alerts the database refuses as such. */
    private Uni<List<Parsed>> ingest(List<Received> alerts, List<Parsed> parsed) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return retried(intake.ingest(alerts)).replaceWith(List.<Parsed>of())
                .onFailure(AlertIntake::refused).recoverWithUni(f -> {
                    LOG.warnf("a batch of %d alerts was refused (%s); taking it alert by alert", alerts.size(),
                            f.getMessage());
                    return Multi.createFrom().iterable(parsed).filter(p -> !p.alerts().isEmpty())
                            .onItem().transformToUniAndConcatenate(p -> retried(intake.ingest(p.alerts()))
                                    .replaceWith((Parsed) null)
                                    .onFailure(AlertIntake::refused).recoverWithItem(p))
                            .filter(p -> p != null).collect().asList();
                });
    }

    /**
     * Retried with backoff for as long as it takes (the database away, a deadlock, a bug: the stream waits and the log
     * says why), unless the database refuses the alerts themselves.
     */
    private static <T> Uni<T> retried(Uni<T> work) {
        return work.onFailure(f -> !AlertIntake.refused(f)).invoke(f -> LOG.warnf(
                "alerts not stored yet, retrying: %s", f.getMessage()))
                .onFailure(f -> !AlertIntake.refused(f)).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Parsed parse(ConsumerRecord<String, String> r) {
        String tenant = header(r, TENANT_HEADER);
        if (tenant == null || !TenantFilter.isTenantId(tenant)) {
            return new Parsed(r, List.of(), "header " + TENANT_HEADER + " is missing or not a tenant id (lower-case"
                    + " letters, digits and '-', at most 63)");
        }
        AlertDocuments.Read read = AlertDocuments.read(r.value(), header(r, FORMAT_HEADER),
                config.maxAlertsPerRequest(), Clocks.now(clock));
        List<Received> alerts = read.alerts().stream()
                .map(a -> new Received(tenant, a, read.single() ? r.value().strip() : null)).toList();
        return new Parsed(r, alerts, read.clean() ? null : read.describe());
    }

    private void count(int alerts, List<Parsed> parsed, List<Parsed> rejected) {
        metrics.counter("isms.siem.alerts", "door", "kafka", "outcome", "read").increment(alerts);
        long dead = parsed.stream().filter(p -> p.error() != null || rejected.contains(p)).count();
        if (dead > 0) {
            metrics.counter("isms.siem.records", "door", "kafka", "outcome", "dead-lettered").increment(dead);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8).strip();
    }
}
