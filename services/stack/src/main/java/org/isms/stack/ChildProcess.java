package org.isms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system process the stack started: its output goes to a log file, its pid to a pid
 * file, so that {@code ./isms down} can stop it even when the JVM that started it is gone.
 */
public final class ChildProcess {
    private final String name;
    private final ProcessHandle handle;
    private final Path log;
    private final Path pidFile;

    private ChildProcess(String name, ProcessHandle handle, Path log, Path pidFile) {
        this.name = name;
        this.handle = handle;
        this.log = log;
        this.pidFile = pidFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path log, Path pidFile) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (pidFile != null) {
                Files.createDirectories(pidFile.getParent());
                Files.writeString(pidFile, Long.toString(p.pid()));
            }
            return new ChildProcess(name, p.toHandle(), log, pidFile);
        } catch (IOException e) {
            throw new StartupException(name, "cannot start " + command.get(0) + ": " + e.getMessage(), log, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** Fails with the component's name and log when the process has already ended. */
    public void requireAlive() {
        if (!handle.isAlive()) {
            throw new StartupException(name, "process ended during start-up", log);
        }
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM); kills them after {@code grace}. Removes the
     * pid file only while it names this process: a component started again since (an outage test) has
     * written its own, which {@code ./isms down} still needs.
     */
    public void stop(Duration grace) {
        stop(handle, grace);
        if (pidFile != null) {
            try {
                if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(Long.toString(handle.pid()))) {
                    Files.delete(pidFile);
                } else if (Files.exists(pidFile)) {
                    stopFromPidFile(pidFile, grace); // the component started again by someone else: it goes too
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops the process whose pid a file holds, if it still runs; removes the file. */
    public static void stopFromPidFile(Path pidFile, Duration grace) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            String text = Files.readString(pidFile).trim();
            Optional<ProcessHandle> h = text.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(text));
            h.ifPresent(p -> stop(p, grace));
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            // a damaged pid file names nothing to stop
        }
    }

    static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(Math.max(1000, grace.toMillis() / 2), TimeUnit.MILLISECONDS);
            } catch (Exception timeoutOrInterrupt) {
                child.destroyForcibly();
            }
        }
    }
}
