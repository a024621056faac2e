package org.isms.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole stack for the e2e tests, started once per test run with {@code ./isms up} (from what the
 * Maven run built: {@code ISMS_SKIP_BUILD=1}) and stopped with {@code ./isms down} at the end. A stack
 * that is already running (a developer's) is used as it is and left running.
 */
public class RunningStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    public static final String GATEWAY = "http://localhost:8080";
    public static final String KEYCLOAK = "http://localhost:8180";
    private static boolean started;
    private static boolean ours;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RunningStack.class) {
            if (started) {
                return;
            }
            System.setProperty("isms.aot.cache", "off"); // services this JVM starts again (StackControl) train none
            ours = !isms("status").contains("supervisor: running");
            if (ours) {
                // a benchmark measures the path, not the rate limit: lift it in a stack started for one
                boolean bench = context.getRequiredTestClass().getSimpleName().endsWith("Benchmark");
                String out = isms("up", bench ? GatewayBenchmark.stackEnvironment() : java.util.Map.of());
                if (!out.contains("ISMS is up")) {
                    throw new IllegalStateException("./isms up failed:\n" + out);
                }
            }
            started = true;
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningStack.class.getName(), this);
        }
    }

    @Override
    public void close() throws Exception {
        if (ours) {
            isms("down");
        }
    }

    /**
     * A token of Keycloak's bootstrap admin (realm {@code master}): for the admin API, and as a token of
     * another realm that the ISMS must refuse. Its password is the one the stack made, in the data directory.
     */
    public static String masterAdminToken() throws IOException {
        String password = Files.readString(root().resolve(".isms/data/keycloak-admin.secret")).trim();
        return org.isms.testing.KeycloakTokens.password(KEYCLOAK, "master", "admin-cli", "admin", password);
    }

    /** The repository root: the e2e module's parent. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("isms")) ? here : here.getParent();
    }

    static String isms(String command) throws IOException, InterruptedException {
        return isms(command, java.util.Map.of());
    }

    static String isms(String command, java.util.Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", root().resolve("isms").toString(), command)
                .directory(root().toFile()).redirectErrorStream(true);
        pb.environment().put("ISMS_SKIP_BUILD", "1");
        pb.environment().put("ISMS_AOT_CACHE", "off"); // each run is a new build: training a cache would only cost
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("./isms " + command + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
