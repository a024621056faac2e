package org.isms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single Kafka broker in KRaft mode (broker and controller in one JVM), run as a child process
 * from the Kafka jars on Maven Central. Its directory holds the configuration, the data and the pid,
 * so it can be stopped and started again (the tests that prove the outbox do) and keeps its topics.
 */
public final class KafkaServer {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    /** A broker on {@code port} (0 = any free port); its controller listens on the next port, or any free one. */
    public KafkaServer(Path dir, int port) {
        this.dir = dir;
        this.port = port == 0 ? Net.freePort() : port;
        this.controllerPort = port == 0 ? Net.freePort() : port + 1;
    }

    /** A broker on fixed ports, e.g. to act again on one started earlier from the same directory. */
    public KafkaServer(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return dir.resolve("kafka.log");
    }

    public Path pidFile() {
        return dir.resolve("kafka.pid");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Formats the storage on first start, starts the broker and waits until it answers. */
    public synchronized KafkaServer start(Duration timeout) {
        if (isRunning()) {
            return this;
        }
        Net.requirePortFree("kafka", port);
        Net.requirePortFree("kafka controller", controllerPort);
        Path config = writeConfig();
        Path data = dir.resolve("data");
        String java = StackSettings.javaCommand();
        String cp = StackSettings.runtimeClasspath();
        Path log4j = StackSettings.writeResource("kafka-log4j2.properties", dir.resolve("log4j2.properties"));
        List<String> jvm = List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", cp);
        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(jvm);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()));
            runToEnd("kafka", format, Duration.ofMinutes(2));
        }
        List<String> run = new ArrayList<>(jvm);
        run.addAll(List.of("kafka.Kafka", config.toString()));
        process = ChildProcess.start("kafka", run, Map.of(), dir, log(), pidFile());
        Net.await("kafka", timeout, process, this::answers);
        return this;
    }

    /** Stops the broker (SIGTERM: a controlled shutdown), keeping its data. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        } else {
            ChildProcess.stopFromPidFile(pidFile(), Duration.ofSeconds(30));
        }
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StartupException("kafka", "cannot create topics: " + e.getCause(), log(), e);
            }
        } catch (Exception e) {
            throw new StartupException("kafka", "cannot create topics: " + e, log(), e);
        }
    }

    private boolean answers() {
        if (!Net.isPortOpen(port)) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(p);
    }

    private Path writeConfig() {
        String config = String.join("\n",
                "# written by org.isms.stack.KafkaServer",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("server.properties");
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runToEnd(String component, List<String> command, Duration timeout) {
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new StartupException(component, "storage format timed out", log());
            }
            if (p.exitValue() != 0) {
                throw new StartupException(component, "storage format failed (exit " + p.exitValue() + ")", log());
            }
        } catch (IOException e) {
            throw new StartupException(component, "cannot run storage format: " + e.getMessage(), log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(component, "interrupted", log());
        }
    }
}
