package org.isms.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server: by default real PostgreSQL 17 binaries from Maven Central (zonky's embedded
 * binaries: no root, no system package); or an external server named by host, port, user and password.
 */
public final class PostgresServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * Starts the embedded server on {@code port} (0 = any free port) keeping its data in {@code dataDir};
     * an existing data directory is reused, so data survives a restart.
     */
    public static PostgresServer startEmbedded(Path dataDir, int port, Path log) {
        int p = port == 0 ? Net.freePort() : port;
        Net.requirePortFree("postgres", p);
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(log.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(p)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "postgres", pg);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("postgres", "did not start: " + e.getMessage(), log, e);
        }
    }

    /**
     * Stops the server that keeps its data in {@code dataDir}, whoever started it: a fast shutdown (SIGINT to
     * the postmaster, as {@code pg_ctl stop -m fast}: open connections are cut, not waited for), then waits
     * until it is gone. For outage tests: the answer starts the same server again (same binary, arguments
     * and data), since the process that started it may still hold it (zonky's lock on the data directory).
     */
    public static Stopped stopEmbedded(Path dataDir, Duration timeout) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("no postmaster " + pid + " runs"));
            List<String> command = new ArrayList<>();
            command.add(postmaster.info().command().orElseThrow());
            command.addAll(List.of(postmaster.info().arguments().orElseThrow()));
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            postmaster.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Stopped(command, dataDir, port);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            throw new StartupException("postgres", "did not stop: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("postgres", "interrupted while stopping", null, e);
        }
    }

    /** A server {@link #stopEmbedded} stopped, ready to start again as it ran. */
    public record Stopped(List<String> command, Path dataDir, int port) {
        /** Starts it again and waits until it accepts connections. */
        public void start(Duration timeout) {
            try {
                Path log = dataDir.resolveSibling(dataDir.getFileName() + "-restarted.log");
                List<String> run = new ArrayList<>();
                if ("root".equals(System.getProperty("user.name"))) {
                    // PostgreSQL refuses to run as root; as zonky does, run it in a user namespace of its own
                    run.addAll(List.of("unshare", "-U"));
                }
                run.addAll(command);
                new ProcessBuilder(run).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                Net.await("postgres", timeout, null, () -> Net.isPortOpen(port));
            } catch (IOException e) {
                throw new StartupException("postgres", "did not start again: " + e, null, e);
            }
        }
    }

    /** An already running server; nothing is started or stopped. */
    public static PostgresServer external(String host, int port, String user, String password) {
        PostgresServer server = new PostgresServer(host, port, user, password, null);
        try (Connection c = server.connect("postgres")) {
            c.isValid(2);
        } catch (SQLException e) {
            throw new StartupException("postgres", "cannot connect to external server " + host + ":" + port
                    + " as " + user + ": " + e.getMessage(), null, e);
        }
        return server;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL form of the reactive (Vert.x) PostgreSQL client. */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name: " + name);
        }
        try (Connection c = connect("postgres");
                PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, name);
            if (!q.executeQuery().next()) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by someone else: fine
                throw new StartupException("postgres", "cannot create database " + name + ": " + e.getMessage(),
                        null, e);
            }
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
