package org.isms.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the build wrote down about this machine: the Maven repository, the checkout, versions. */
public final class StackSettings {
    private static final Properties PROPS = load();

    private StackSettings() {
    }

    /** The checkout's root; {@code ISMS_HOME} overrides it. */
    public static Path repoRoot() {
        String override = System.getenv("ISMS_HOME");
        return Path.of(override != null && !override.isBlank() ? override : PROPS.getProperty("repo.root"));
    }

    /** Where unpacked distributions are kept between runs (survives {@code ./isms reset} and {@code mvn clean}). */
    public static Path cacheDir() {
        return repoRoot().resolve(".isms/cache");
    }

    public static String keycloakVersion() {
        return PROPS.getProperty("keycloak.version");
    }

    public static Path keycloakZip() {
        String v = keycloakVersion();
        return Path.of(PROPS.getProperty("local.repository"), "org", "keycloak", "keycloak-quarkus-dist", v,
                "keycloak-quarkus-dist-" + v + ".zip");
    }

    /** The class path this module was built with: the supervisor's and the Kafka broker's. */
    public static String runtimeClasspath() {
        String deps = resource("runtime.classpath").trim();
        String self = StackSettings.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return self + java.io.File.pathSeparator + deps;
    }

    /** The {@code java} of the running JVM: 21 or newer, which Keycloak needs too. */
    public static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String javaHome() {
        return System.getProperty("java.home");
    }

    static String resource(String name) {
        try (InputStream in = StackSettings.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + ": build services/stack first");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeResource(String name, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, resource(name));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = StackSettings.class.getResourceAsStream("stack.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
