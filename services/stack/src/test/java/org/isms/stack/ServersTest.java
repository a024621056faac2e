package org.isms.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real servers start, keep their data across a restart, and stop without leaving a process. */
class ServersTest {

    @TempDir
    Path dir;

    @Test
    void postgresShouldKeepDataAcrossRestart() throws Exception {
        Path data = dir.resolve("pg");
        try (PostgresServer pg = PostgresServer.startEmbedded(data, 0, dir.resolve("pg.log"))) {
            pg.ensureDatabase("asset");
            pg.ensureDatabase("asset"); // a second time is a no-op
            try (Connection c = pg.connect("asset"); Statement s = c.createStatement()) {
                s.execute("create table kept(v text)");
                s.execute("insert into kept values ('survives')");
            }
        }
        try (PostgresServer pg = PostgresServer.startEmbedded(data, 0, dir.resolve("pg.log"));
                Connection c = pg.connect("asset");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("survives");
        }
    }

    @Test
    void postgresShouldRefuseATakenPortByName() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> PostgresServer.startEmbedded(dir.resolve("pg2"), socket.getLocalPort(),
                    dir.resolve("pg2.log")))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("postgres")
                    .hasMessageContaining("port " + socket.getLocalPort());
        }
    }

    @Test
    void kafkaShouldKeepTopicsAcrossRestartAndLeaveNoProcess() throws Exception {
        KafkaServer kafka = new KafkaServer(dir.resolve("kafka"), 0);
        try {
            kafka.start(Duration.ofMinutes(2));
            kafka.createTopics(List.of("isms.test.events"), 1);
            long pid = java.nio.file.Files.readString(kafka.pidFile()).trim().isEmpty() ? -1
                    : Long.parseLong(java.nio.file.Files.readString(kafka.pidFile()).trim());
            kafka.stop();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(Net.isPortOpen(kafka.port())).isFalse();

            kafka.start(Duration.ofMinutes(2));
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(p)) {
                Set<String> names = admin.listTopics().names().get(20, TimeUnit.SECONDS);
                assertThat(names).contains("isms.test.events");
            }
        } finally {
            kafka.stop();
        }
    }
}
