package org.isms.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Ports and waiting: the small network helpers the launchers share. */
public final class Net {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Net() {
    }

    public static boolean isPortFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message that names the component when its port is taken. */
    public static void requirePortFree(String component, int port) {
        if (!isPortFree(port)) {
            throw new StartupException(component, "port " + port + " is already in use (is another stack or "
                    + "program running? `./isms status`, or `ss -ltnp 'sport = :" + port + "'`)", null);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public static boolean isPortOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** GET a URL; the status, or -1 when nothing answers. */
    public static int status(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls until {@code ready} holds, failing early when {@code process} ends. */
    public static void await(String component, Duration timeout, ChildProcess process, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null) {
                process.requireAlive();
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException(component, "interrupted while waiting", null);
            }
        }
        Path log = process == null ? null : process.log();
        throw new StartupException(component, "not ready after " + timeout.toSeconds() + " s", log);
    }
}
