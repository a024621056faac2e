package org.isms.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.isms.stack.QuarkusService;
import org.isms.stack.StackSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The built applications, started in the production profile without what production must give them, refuse
 * to start and say what is missing: no service falls back to default database credentials, no gateway to a
 * default client secret. (No stack needed: they must stop before they would reach anything.)
 */
class ProductionDefaultsE2ETest {

    @Test
    @Timeout(120)
    void shouldRefuseToStartAServiceWithoutDatabaseCredentials() throws Exception {
        String out = startAndAwaitExit("asset-service", Map.of("QUARKUS_HTTP_PORT", "0"));
        assertThat(out).contains("the database credentials are not set").contains("QUARKUS_DATASOURCE_USERNAME")
                .doesNotContain("Unable to obtain connection"); // it never tried a default user
    }

    @Test
    @Timeout(120)
    void shouldRefuseToStartTheGatewayWithoutItsClientSecret() throws Exception {
        String out = startAndAwaitExit("gateway", Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0"));
        assertThat(out).contains("OIDC client secret is not set").contains("QUARKUS_OIDC_CREDENTIALS_SECRET");
    }

    /** Runs the built jar with a clean environment (plus {@code env}); its output, once it has exited non-zero. */
    private static String startAndAwaitExit(String name, Map<String, String> env) throws Exception {
        Path jar = QuarkusService.named(name).jar(RunningStack.root());
        assertThat(jar).as("built by the Maven run before e2e").exists();
        List<String> cmd = new ArrayList<>(List.of(StackSettings.javaCommand(), "-jar", jar.toString()));
        Path dir = Files.createTempDirectory("isms-prod-defaults");
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("ISMS_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean exited = p.waitFor(100, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("it must stop by itself:\n" + out).isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }
}
