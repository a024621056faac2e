package org.isms.platform.events;

import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the records of this service's dead-letter topic back to the consumer of the topic each came from,
 * through the inbox: an event applied meanwhile is a duplicate and changes nothing; one that can still not be
 * handled is reported and stays in the DLQ. The replay keeps its position (consumer group
 * {@code <application>.dlq-replay}), so the next one goes on after it; {@code fromBeginning} reads the whole
 * DLQ again. A failure that may pass (the database away) stops the replay at that record, to be run again.
 */
@ApplicationScoped
public class DlqReplay {
    private static final Logger LOG = Logger.getLogger(DlqReplay.class);
    private static final String DLQ_HEADER = "dead-letter-";

    private final EventConsumers consumers;
    private final EventMetrics metrics;
    private final EventsConfig config;
    private final String bootstrapServers;
    private final String application;

    public DlqReplay(EventConsumers consumers, EventMetrics metrics, EventsConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.consumers = consumers;
        this.metrics = metrics;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.application = application;
    }

    /** One DLQ record that still cannot be handled, and why. */
    public record Failure(String eventId, String topic, int partition, long offset, String reason) {
    }

    /** What a replay did. {@code stoppedAt} names the record a failure that may pass stopped it at (null: it read all). */
    public record Result(String dlqTopic, int read, int applied, int duplicates, int ignored, List<Failure> stillFailing,
            String stoppedAt) {
    }

    public Optional<String> dlqTopic() {
        return config.dlqTopic();
    }

    /** Replays up to {@code limit} records; blocks (Kafka and the effects are awaited), so call it from a worker thread. */
    public Result replay(int limit, boolean fromBeginning) {
        String dlq = config.dlqTopic().orElseThrow();
        int read = 0;
        int applied = 0;
        int duplicates = 0;
        int ignored = 0;
        List<Failure> failing = new ArrayList<>();
        String stoppedAt = null;
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
            List<TopicPartition> parts = c.partitionsFor(dlq, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(dlq, p.partition())).toList();
            c.assign(parts);
            Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new java.util.HashSet<>(parts),
                    Duration.ofSeconds(10));
            for (TopicPartition tp : parts) {
                OffsetAndMetadata at = committed.get(tp);
                if (fromBeginning || at == null) {
                    c.seekToBeginning(List.of(tp));
                } else {
                    c.seek(tp, at.offset());
                }
            }
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            reading:
            while (read < limit && parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(10)) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue; // dead-lettered after the replay began: the next replay takes it
                    }
                    if (read >= limit) {
                        break reading;
                    }
                    ConsumerRecord<String, String> original = original(r);
                    EventHandler handler = consumers.handlerOf(original.topic());
                    read++;
                    if (handler == null) {
                        failing.add(failure(original, "no consumer of " + original.topic() + " in this service"));
                    } else {
                        try {
                            EventConsumers.Outcome o = VertxContextSupport.subscribeAndAwait(
                                    () -> consumers.replay(handler, original, config.replayRetries()));
                            switch (o) {
                                case APPLIED -> {
                                    applied++;
                                    metrics.consumed(handler, "replayed");
                                }
                                case DUPLICATE -> duplicates++;
                                case IGNORED -> ignored++;
                            }
                        } catch (Throwable e) {
                            if (EventConsumers.mayPass(e)) { // the database away still: stop here, keep the place
                                stoppedAt = r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e;
                                read--;
                                break reading;
                            }
                            failing.add(failure(original, e.getMessage())); // can never be applied: reported
                        }
                    }
                    done.put(tp, new OffsetAndMetadata(r.offset() + 1));
                }
                c.commitSync(done);
            }
            c.commitSync(done);
        }
        LOG.infof("DLQ %s replayed: %d read, %d applied, %d duplicates, %d still failing%s", dlq, read, applied,
                duplicates, failing.size(), stoppedAt == null ? "" : ", stopped at " + stoppedAt);
        return new Result(dlq, read, applied, duplicates, ignored, failing, stoppedAt);
    }

    /** The record as it was before it was dead-lettered: its topic, partition and offset from the DLQ headers. */
    static ConsumerRecord<String, String> original(ConsumerRecord<String, String> dead) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : dead.headers()) {
            if (!h.key().startsWith(DLQ_HEADER)) {
                headers.add(h);
            }
        }
        // a record dead-lettered twice carries the headers twice; the last ones are the original's
        String topic = text(dead, "dead-letter-topic", dead.topic());
        int partition = Integer.parseInt(text(dead, "dead-letter-partition", "0"));
        long offset = Long.parseLong(text(dead, "dead-letter-offset", "-1"));
        return new ConsumerRecord<>(topic, partition, offset, dead.timestamp(), TimestampType.CREATE_TIME,
                -1, -1, dead.key(), dead.value(), headers, Optional.empty());
    }

    private static String text(ConsumerRecord<String, String> r, String name, String fallback) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? fallback : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Failure failure(ConsumerRecord<String, String> r, String reason) {
        Header id = r.headers().lastHeader("ce_id");
        return new Failure(id == null ? null : new String(id.value(), StandardCharsets.UTF_8), r.topic(), r.partition(),
                r.offset(), reason);
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, application + ".dlq-replay");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
