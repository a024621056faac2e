package org.isms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDK's ahead-of-time cache (JEP 483/514, JDK 25) for one build of a service: the first start of a build
 * records which classes the JVM loads and links, and writes the cache when the service stops
 * ({@code -XX:AOTCacheOutput}); every later start of the same build maps it ({@code -XX:AOTCache}) and skips that
 * work. A cache belongs to one build and one JDK, so it is named after both; a new build trains a new one and the
 * old one is deleted. {@code ISMS_AOT_CACHE=off} (or the system property {@code isms.aot.cache=off}, for a JVM that
 * starts services itself) starts without: the e2e tests do, since each of their runs is a new build.
 */
final class AotCache {
    private AotCache() {
    }

    /** The JVM options for {@code service} built in {@code app} ({@code target/quarkus-app}), caches kept in {@code dir}. */
    static List<String> options(String service, Path app, Path dir) {
        Path marker = app.resolve("quarkus").resolve("generated-bytecode.jar");
        String setting = System.getProperty("isms.aot.cache", System.getenv("ISMS_AOT_CACHE"));
        if ("off".equalsIgnoreCase(setting) || Runtime.version().feature() < 25
                || !Files.exists(marker)) {
            return List.of();
        }
        try {
            String build = Files.getLastModifiedTime(marker).toMillis() + "-" + Files.size(marker);
            String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_");
            Path cache = dir.resolve(service + "-" + build + "-jdk" + jdk + ".aot");
            if (Files.exists(cache)) {
                // the training run's configuration, left behind when its stop cut the clean-up short
                Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + ".config"));
                return List.of("-XX:AOTCache=" + cache);
            }
            Files.createDirectories(dir);
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith(service + "-")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            return List.of("-XX:AOTCacheOutput=" + cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
