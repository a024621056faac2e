package org.isms.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak from its distribution on Maven Central (unpacked once into {@code .isms/cache}), started in
 * development mode on PostgreSQL, with realm {@code isms} set up by {@link RealmSetup}. Needs JDK 21+,
 * which the JVM running this already is.
 */
public final class KeycloakServer {
    private final Path instanceDir;
    private final int port;
    private final int managementPort;
    private final String httpHost;
    private final String adminPassword;
    private final String homeName;
    private ChildProcess process;

    /**
     * @param instanceDir   where this instance keeps its log and pid
     * @param port          HTTP port (0 = any free port)
     * @param httpHost      the address the HTTP port listens on ({@code 0.0.0.0}: an entry of the stack); the
     *                      management port (health, metrics) listens on 127.0.0.1 whatever it is
     * @param adminPassword the bootstrap admin's password: used when the database is new, then to log in
     * @param homeName      which unpacked copy to run from: the stack's and the tests' differ, because two
     *                      Keycloaks running from one home share its build output and transaction log store
     */
    public KeycloakServer(Path instanceDir, int port, String httpHost, String adminPassword, String homeName) {
        this.instanceDir = instanceDir;
        this.httpHost = httpHost;
        this.homeName = homeName;
        this.port = port == 0 ? Net.freePort() : port;
        this.managementPort = port == 0 ? Net.freePort() : port + 10;
        this.adminPassword = adminPassword;
    }

    public int port() {
        return port;
    }

    /** The base URL, also the issuer's host: tokens say {@code http://localhost:<port>/realms/isms}. */
    public String url() {
        return "http://localhost:" + port;
    }

    public String realmUrl() {
        return url() + "/realms/" + RealmSetup.REALM;
    }

    public Path log() {
        return instanceDir.resolve("keycloak.log");
    }

    public Path pidFile() {
        return instanceDir.resolve("keycloak.pid");
    }

    public KeycloakServer start(PostgresServer postgres, String database, Duration timeout) {
        Net.requirePortFree("keycloak", port);
        Net.requirePortFree("keycloak management", managementPort);
        postgres.ensureDatabase(database);
        Path home = home(homeName);
        List<String> command = List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=" + httpHost, "--http-port=" + port, "--http-management-host=127.0.0.1",
                "--http-management-port=" + managementPort, "--health-enabled=true",
                "--hostname=" + url(), "--db=postgres", "--db-url=" + postgres.jdbcUrl(database),
                "--db-username=" + postgres.user(), "--db-password=" + postgres.password(),
                "--log-console-output=default");
        Map<String, String> env = Map.of(
                "JAVA_HOME", StackSettings.javaHome(),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", RealmSetup.ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        process = ChildProcess.start("keycloak", command, env, instanceDir, log(), pidFile());
        Net.await("keycloak", timeout, process,
                () -> Net.status("http://127.0.0.1:" + managementPort + "/health/ready") == 200);
        try {
            new RealmSetup(url(), adminPassword).ensureRealm();
        } catch (RuntimeException e) {
            throw new StartupException("keycloak", "realm setup failed: " + e.getMessage(), log(), e);
        }
        return this;
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        } else {
            ChildProcess.stopFromPidFile(pidFile(), Duration.ofSeconds(30));
        }
    }

    /** An unpacked copy of the distribution, unpacked from the Maven repository on first use. */
    public static synchronized Path home(String name) {
        String version = StackSettings.keycloakVersion();
        Path home = StackSettings.cacheDir().resolve("keycloak-" + version + "-" + name);
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = StackSettings.keycloakZip();
        if (!Files.exists(zip)) {
            throw new StartupException("keycloak", "distribution " + zip + " is missing: build the project "
                    + "(./mvnw install) so that Maven downloads it", null);
        }
        try {
            Path tmp = Files.createDirectories(StackSettings.cacheDir()).resolve("keycloak-" + version + "-" + name + ".tmp");
            deleteTree(tmp);
            unzip(zip, tmp);
            Path top = tmp.resolve("keycloak-" + version);
            try (var scripts = Files.list(top.resolve("bin"))) {
                scripts.filter(f -> f.toString().endsWith(".sh")).forEach(f -> f.toFile().setExecutable(true));
            }
            Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(tmp);
            return home;
        } catch (IOException e) {
            throw new StartupException("keycloak", "cannot unpack " + zip + ": " + e.getMessage(), null, e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
