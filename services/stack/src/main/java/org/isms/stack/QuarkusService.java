package org.isms.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of our Quarkus applications, started from its built {@code target/quarkus-app} in the prod
 * profile, configured entirely through the environment.
 *
 * <p>The services listen on 127.0.0.1 only: the gateway (and Keycloak) are the entries. The gateway's health
 * and metrics are on a management port of its own, on 127.0.0.1 too.
 *
 * @param name           module directory and component name, e.g. {@code asset-service}
 * @param port           HTTP port
 * @param database       its own database, or null for the gateway
 * @param managementPort the port of health and metrics, when not {@code port}
 */
public record QuarkusService(String name, int port, String database, int managementPort) {

    /** The services and the gateway of DESIGN §7, in start order. */
    public static final List<QuarkusService> ALL = List.of(
            new QuarkusService("asset-service", 8081, "asset", 8081),
            new QuarkusService("risk-service", 8082, "risk", 8082),
            new QuarkusService("control-service", 8083, "control", 8083),
            new QuarkusService("incident-service", 8084, "incident", 8084),
            new QuarkusService("audit-service", 8085, "audit", 8085),
            new QuarkusService("gateway", 8080, null, 9080));

    public Path jar(Path repoRoot) {
        return repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/q/health/ready";
    }

    /** The service of this name. */
    public static QuarkusService named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public ChildProcess start(Path repoRoot, Path runDir, PostgresServer pg, String kafka, String oidcRealmUrl,
            Duration timeout) {
        return start(repoRoot, runDir, pg, kafka, oidcRealmUrl, Map.of(), timeout);
    }

    /** Starts it with {@code extraEnv} on top of what the stack gives (an outage test pauses the relay, say). */
    public ChildProcess start(Path repoRoot, Path runDir, PostgresServer pg, String kafka, String oidcRealmUrl,
            Map<String, String> extraEnv, Duration timeout) {
        Path jar = jar(repoRoot);
        Path log = runDir.resolve("logs").resolve(name + ".log");
        if (!Files.exists(jar)) {
            throw new StartupException(name, jar + " is missing: build first (./mvnw -DskipTests package)", log);
        }
        Net.requirePortFree(name, port);
        if (managementPort != port) {
            Net.requirePortFree(name + " (management)", managementPort);
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "QUARKUS_OIDC_AUTH_SERVER_URL", oidcRealmUrl));
        if (database != null) {
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1"); // reached through the gateway only
        } else {
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        }
        if (database == null) {
            // the gateway's browser login: the secret of the DEMO realm's client isms-gateway, for local use only
            env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", System.getenv().getOrDefault("ISMS_GATEWAY_CLIENT_SECRET",
                    "gateway-demo-secret"));
        } else {
            pg.ensureDatabase(database);
            env.put("QUARKUS_DATASOURCE_USERNAME", pg.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", pg.password());
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", pg.reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(database));
        }
        env.putAll(extraEnv);
        List<String> cmd = new ArrayList<>();
        cmd.add(StackSettings.javaCommand());
        String opts = System.getenv().getOrDefault("ISMS_SERVICE_JAVA_OPTS", "-Xms64m -Xmx384m -XX:+UseSerialGC");
        cmd.addAll(List.of(opts.trim().split("\\s+")));
        cmd.addAll(AotCache.options(name, jar.getParent(), runDir.resolve("cache").resolve("aot")));
        cmd.addAll(List.of("-jar", jar.toString()));
        ChildProcess process = ChildProcess.start(name, cmd, env, runDir.resolve("work").resolve(name), log,
                runDir.resolve("pids").resolve(name + ".pid"));
        Net.await(name, timeout, process, () -> Net.status(healthUrl()) == 200);
        return process;
    }
}
