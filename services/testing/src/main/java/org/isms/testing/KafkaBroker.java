package org.isms.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.isms.events.CloudEventHeaders;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;

/**
 * The shared test broker, for tests: take it away and bring it back (to prove that nothing is lost
 * meanwhile), and clients to produce to it and read from it.
 */
public final class KafkaBroker {
    private KafkaBroker() {
    }

    /** Stops the broker (its data is kept). */
    public static void stop() {
        SharedServers.kafka().stop();
    }

    /** Starts it again on the same ports, with the same data, and waits until it answers. */
    public static void start() {
        SharedServers.kafka().start(Duration.ofMinutes(2));
    }

    public static String bootstrapServers() {
        return SharedServers.kafkaBootstrapServers();
    }

    /** A consumer of its own group, reading {@code topics} from the beginning. Close it. */
    public static KafkaConsumer<String, String> consumer(String... topics) {
        return consumerOn(bootstrapServers(), topics);
    }

    /** A producer of string keys and values. Close it. */
    public static KafkaProducer<String, String> producer() {
        return producerOn(bootstrapServers());
    }

    /**
     * Sends an event as a service's outbox relay does: CloudEvents binary mode, key = subject, data as
     * the value. For consumer tests that play the producing service.
     */
    public static void send(String topic, EventEnvelope e) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record(topic, e)).get();
        }
    }

    /** The record a service's outbox relay would publish for the event (to send with a producer of one's own). */
    public static ProducerRecord<String, String> record(String topic, EventEnvelope e) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, e.subject(), EventJson.write(e.data()));
        add(r, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(r, CloudEventHeaders.ID, e.id());
        add(r, CloudEventHeaders.TYPE, e.type());
        add(r, CloudEventHeaders.SOURCE, e.source());
        add(r, CloudEventHeaders.SUBJECT, e.subject());
        add(r, CloudEventHeaders.TIME, e.time().toString());
        add(r, CloudEventHeaders.TENANT, e.tenant());
        add(r, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return r;
    }

    /** A producer of string keys and values to another broker (the local stack's). Close it. */
    public static KafkaProducer<String, String> producerOn(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** A consumer of its own group on another broker (the local stack's), reading {@code topics} from the beginning. */
    public static KafkaConsumer<String, String> consumerOn(String bootstrapServers, String... topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(topics));
        return consumer;
    }

    /** A header of a record as text, null when absent. */
    public static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void add(ProducerRecord<String, String> r, String name, String value) {
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
