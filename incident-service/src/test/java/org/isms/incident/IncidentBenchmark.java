package org.isms.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.isms.events.Topics;
import org.isms.incident.messaging.SiemAlertsConsumer;
import org.isms.testing.KafkaBroker;
import org.isms.testing.SharedServers;
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code ./isms bench incident-service}), never in the normal test run: Wazuh alerts through Kafka into
 * the running service — 2,000 assets matched on host names and CIDR ranges, four alerts in five on 5 % of them, 20
 * rules, one alert in ten a redelivery —
 * and, in the same run on the same servers, the raw ceilings it is compared with: a bare Kafka consumer reading the
 * same records, and batched INSERTs of rows of the alert table's shape. Then the latency from an alert produced to its
 * incident visible, one alert at a time. Printed, not asserted: our machines are shared and noisy.
 */
@QuarkusTest
class IncidentBenchmark {
    static final int ASSETS = Integer.getInteger("bench.assets", 2_000);
    static final int ALERTS = Integer.getInteger("bench.alerts", 100_000);
    static final int LATENCY_ALERTS = Integer.getInteger("bench.latency-alerts", 300);
    /** Alerts sent first and not measured, so that the figures are the service's once its code is compiled. */
    static final int WARMUP = Integer.getInteger("bench.warmup", 40_000);
    static final DateTimeFormatter WAZUH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    final Random random = new Random(42);

    @Test
    void alertsThroughKafka() throws Exception {
        warmUp();
        seedAssets();
        List<String> values = new ArrayList<>(ALERTS);
        int unique = 0;
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        for (int n = 0; n < ALERTS; n++) {
            boolean redelivery = n > 0 && random.nextInt(10) == 0;
            if (redelivery) {
                values.add(values.get(random.nextInt(values.size())));
            } else {
                values.add(alert(unique++, t0.plusNanos(n * 10_000L)));
            }
        }
        int distinct = (int) values.stream().distinct().count();
        System.out.printf(Locale.ROOT, "%n== incident-service benchmark: %,d alerts (%,d distinct) over %,d assets%n",
                ALERTS, distinct, ASSETS);

        // the service: produced as fast as the producer goes, stored, matched and correlated by the running consumer
        Map<TopicPartition, Long> before = ends();
        long start = System.nanoTime();
        List<Long> sentAt = produce(values);
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from alert where tenant_id = ?") >= distinct);
        long stored = System.nanoTime();
        long matched = count("select count(*) from alert where tenant_id = ? and cardinality(asset_ids) > 0");
        long incidents = count("select count(*) from incident where tenant_id = ?");
        double serviceRate = ALERTS / ((stored - start) / 1e9);
        System.out.printf(Locale.ROOT, "service: %,d alerts in %.1f s (produced in %.1f s) = %,.0f alerts/s read,"
                + " deduplicated, matched (%,d matched) and correlated into %,d incidents%n", ALERTS,
                (stored - start) / 1e9, (produced - start) / 1e9, serviceRate, matched, incidents);

        // ceiling 1: a bare consumer reading the same records (no parsing, no database)
        double consumeRate = consumeCeiling(before, ends());
        // ceiling 2: batched INSERTs of alert-shaped rows, 500 a statement, one transaction per batch
        double insertRate = insertCeiling(distinct);
        double slower = Math.min(consumeRate, insertRate);
        System.out.printf(Locale.ROOT, "ceiling: Kafka consume %,.0f records/s; batched INSERT (500 rows, jsonb, one"
                + " transaction each) %,.0f rows/s%n", consumeRate, insertRate);
        System.out.printf(Locale.ROOT, "ratio: service / slower ceiling = %.2f (aim 0.5; at least 5,000 alerts/s)%n",
                serviceRate / slower);

        latency();
        System.out.printf(Locale.ROOT, "(JVM %s, %d cores)%n%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        assertThat(matched).as("alerts matched to assets").isPositive();
        assertThat(sentAt).hasSize(values.size());
    }

    /** The same kind of stream into a tenant of its own, until the service has stored it all; not measured. */
    private void warmUp() throws Exception {
        String measured = tenant;
        tenant = "warmup-" + UUID.randomUUID().toString().substring(0, 8);
        seedAssets();
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        List<String> values = new ArrayList<>(WARMUP);
        for (int n = 0; n < WARMUP; n++) {
            values.add(alert(n, t0.plusNanos(n * 10_000L)));
        }
        long t = System.nanoTime();
        produce(values);
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from alert where tenant_id = ?") >= WARMUP);
        System.out.printf(Locale.ROOT, "%n(warm-up: %,d alerts in %.1f s, not counted)%n", WARMUP,
                (System.nanoTime() - t) / 1e9);
        tenant = measured;
    }

    /** One alert at a time, each of a new rule (so it opens an incident): produced → its incident in the database. */
    private void latency() throws Exception {
        List<Double> ms = new ArrayList<>();
        try (KafkaProducer<String, String> p = producer(); Connection c = SharedServers.postgres().connect("isms_test");
                PreparedStatement q = c.prepareStatement("select a.incident_id from alert a join incident i on"
                        + " i.id = a.incident_id where a.tenant_id = ? and a.source_system = 'wazuh:bench-manager'"
                        + " and a.source_alert_id = ?")) {
            for (int k = 0; k < LATENCY_ALERTS + 20; k++) {
                String id = "latency." + k + "." + UUID.randomUUID();
                String value = alert(id, "L" + k, 10, "web-" + random.nextInt(ASSETS) + ".bench.example",
                        "10.30.0.1", OffsetDateTime.now(ZoneOffset.UTC));
                long t = System.nanoTime();
                p.send(record(value)).get();
                q.setString(1, tenant);
                q.setString(2, id);
                while (true) {
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            break;
                        }
                    }
                    Thread.onSpinWait();
                }
                if (k >= 20) {
                    ms.add((System.nanoTime() - t) / 1e6);
                }
            }
        }
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "latency: alert produced → incident in the database, %d alerts one at a time:"
                + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", ms.size(), ms.get(ms.size() / 2),
                ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1));
    }

    private List<Long> produce(List<String> values) throws Exception {
        List<Long> sent = new ArrayList<>(values.size());
        try (KafkaProducer<String, String> p = producer()) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
            for (String v : values) {
                acks.add(p.send(record(v)));
                sent.add(System.nanoTime());
            }
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        }
        return sent;
    }

    /** The topic's end offsets now. */
    private static Map<TopicPartition, Long> ends() {
        try (KafkaConsumer<String, String> c = consumer()) {
            return c.endOffsets(partitions(c));
        }
    }

    /** A bare consumer reading the records between {@code from} and {@code to}: the ones the service read. */
    private static double consumeCeiling(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        try (KafkaConsumer<String, String> c = consumer()) {
            c.assign(from.keySet());
            from.forEach(c::seek);
            long wanted = to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
            long read = 0;
            long bytes = 0;
            long t = System.nanoTime();
            while (read < wanted) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
                        bytes += r.value().length();
                        read++;
                    }
                }
            }
            assertThat(bytes).isPositive();
            return read / ((System.nanoTime() - t) / 1e9);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-ceiling-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        return c.partitionsFor(Topics.SIEM_ALERTS).stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
    }

    private double insertCeiling(int rows) throws Exception {
        String sample = alert(0, OffsetDateTime.now(ZoneOffset.UTC));
        try (Connection c = SharedServers.postgres().connect("isms_test"); Statement s = c.createStatement()) {
            s.execute("create temporary table ceiling (like alert including defaults) on commit preserve rows");
            s.execute("alter table ceiling add primary key (id)");
            s.execute("create unique index on ceiling (tenant_id, source_system, source_alert_id)");
            c.setAutoCommit(false);
            StringBuilder sql = new StringBuilder("insert into ceiling (id, tenant_id, source_system, source_alert_id,"
                    + " format, rule_id, rule_name, severity, first_seen, last_seen, received_at, hosts, ips, users,"
                    + " asset_ids, disposition, raw) values ");
            for (int k = 0; k < 500; k++) {
                sql.append(k == 0 ? "" : ",").append("(?, ?, 'wazuh:bench', ?, 'wazuh', '5712', 'sshd brute force',"
                        + " 'HIGH', now(), now(), now(), '{web-1}', '{10.30.0.1}', '{root}', '{}', 'JOINED', cast(? as jsonb))");
            }
            long t = System.nanoTime();
            int done = 0;
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                while (done < rows) {
                    for (int k = 0; k < 500; k++) {
                        p.setObject(4 * k + 1, UUID.randomUUID());
                        p.setString(4 * k + 2, tenant);
                        p.setString(4 * k + 3, "ceiling." + (done + k));
                        p.setString(4 * k + 4, sample);
                    }
                    p.executeUpdate();
                    c.commit();
                    done += 500;
                }
            }
            return done / ((System.nanoTime() - t) / 1e9);
        }
    }

    /** 2,000 assets, web-N.bench.example, each with a /28 of 10.30.0.0/16; straight into the projection. */
    private void seedAssets() throws Exception {
        try (Connection c = SharedServers.postgres().connect("isms_test"); PreparedStatement a = c.prepareStatement("""
                insert into asset_projection (tenant_id, asset_id, name, status, confidentiality, integrity,
                    availability, criticality, personal_data, version)
                select ?, md5(? || n)::uuid, 'web-' || n, 'IN_USE', 1 + n % 4, 2, 2, greatest(1 + n % 4, 2), n % 5 = 0, 0
                  from generate_series(0, ? - 1) n""");
                PreparedStatement h = c.prepareStatement("""
                insert into asset_hostname (tenant_id, name, short_name, asset_id)
                select ?, 'web-' || n || '.bench.example', 'web-' || n, md5(? || n)::uuid from generate_series(0, ? - 1) n""");
                PreparedStatement ip = c.prepareStatement("""
                insert into asset_network (tenant_id, network, asset_id)
                select ?, set_masklen(('10.30.0.0'::inet + n * 16), 28)::cidr, md5(? || n)::uuid
                  from generate_series(0, ? - 1) n""")) {
            for (PreparedStatement p : List.of(a, h, ip)) {
                p.setString(1, tenant);
                p.setString(2, tenant);
                p.setInt(3, ASSETS);
                p.executeUpdate();
            }
        }
    }

    /**
     * An alert as a SIEM's stream has them: most on a few busy hosts (four in five on the first 5 % of the assets),
     * of 20 rules.
     */
    private String alert(int n, OffsetDateTime at) {
        int hot = Math.max(1, ASSETS / 20);
        int asset = random.nextInt(5) < 4 ? random.nextInt(hot) : hot + random.nextInt(ASSETS - hot);
        int rule = 5700 + random.nextInt(20);
        // half name the host, half only an address inside the asset's /28
        boolean byHost = random.nextBoolean();
        String host = byHost ? "web-" + asset + ".bench.example" : "collector-" + random.nextInt(5);
        String agentIp = byHost ? "198.51.100.7" : "10.30." + (asset * 16 / 256) + "." + (asset * 16 % 256 + 1);
        return alert(at.toEpochSecond() + "." + n, String.valueOf(rule), 10, host, agentIp, at);
    }

    private static String alert(String id, String rule, int level, String host, String ip, OffsetDateTime at) {
        return """
                {"timestamp":"%s","rule":{"level":%d,"description":"sshd: brute force trying to get access (rule %s)",\
                "id":"%s","firedtimes":12,"mail":false,"groups":["syslog","sshd","authentication_failures"]},\
                "agent":{"id":"017","name":"%s","ip":"%s"},"manager":{"name":"bench-manager"},"id":"%s",\
                "full_log":"sshd[4021]: Failed password for invalid user admin from 203.0.113.45 port 52211 ssh2",\
                "predecoder":{"program_name":"sshd","timestamp":"Jan 15 10:22:33","hostname":"%s"},\
                "decoder":{"parent":"sshd","name":"sshd"},"data":{"srcip":"203.0.113.45","srcuser":"admin"},\
                "location":"/var/log/auth.log"}""".formatted(WAZUH_TIME.format(at), level, rule, rule, host, ip, id, host);
    }

    private ProducerRecord<String, String> record(String value) {
        ProducerRecord<String, String> r = new ProducerRecord<>(Topics.SIEM_ALERTS, null, value);
        r.headers().add(SiemAlertsConsumer.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private long count(String sql) throws Exception {
        try (Connection c = SharedServers.postgres().connect("isms_test"); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, tenant);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
