package org.isms.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for the services behind the gateway (a narrow unit: the gateway's own behaviour; the real
 * services are behind it in the e2e tests). It echoes what reached it as JSON; {@code /api/assets/slow}
 * answers after 3 s. risk-service points at a port nobody listens on, control-service at one that
 * never answers a connect.
 */
public class UpstreamResource implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;
    /** A port whose accept queue is full and never drained: connections to it neither succeed nor fail, they hang. */
    private ServerSocket blackHole;
    private final List<Socket> queued = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            long size = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0;) {
                    size += n;
                }
            }
            if (exchange.getRequestURI().getPath().equals("/q/health/ready")) {
                byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, up.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(up);
                }
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            var h = exchange.getRequestHeaders();
            String json = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"uri\":\"" + exchange.getRequestURI()
                    + "\",\"authorization\":" + (h.getFirst("Authorization") != null) + ",\"requestId\":\""
                    + h.getFirst("X-Request-Id") + "\",\"traceparent\":\"" + h.getFirst("traceparent")
                    + "\",\"traceparents\":" + (h.get("traceparent") == null ? 0 : h.get("traceparent").size())
                    + ",\"tracestate\":\"" + h.getFirst("tracestate")
                    + "\",\"forwardedFor\":\"" + h.getFirst("X-Forwarded-For") + "\",\"cookie\":"
                    + (h.getFirst("Cookie") != null) + ",\"bodySize\":" + size + "}";
            byte[] out = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.getResponseHeaders().add("Server", "upstream/1.0");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        Map<String, String> config = new HashMap<>();
        config.put("gateway.services.asset-service.url", "http://localhost:" + server.getAddress().getPort());
        config.put("gateway.services.asset-service.timeout", "1s");
        config.put("gateway.services.risk-service.url", "http://localhost:" + freePort());
        config.put("gateway.services.control-service.url", "http://127.0.0.1:" + blackHole());
        config.put("gateway.services.control-service.connect-timeout", "300ms");
        config.put("gateway.limits.max-body-size", "1024");
        config.put("gateway.limits.rate", "2");
        config.put("gateway.limits.burst", "20");
        config.put("gateway.limits.body-idle-timeout", "500ms");
        config.put("gateway.breaker.failures", "3");
        config.put("gateway.breaker.open", "2s");
        return config;
    }

    /**
     * A listening socket with a backlog of one that never accepts, its queue filled by connections that are never
     * read: the kernel then drops further SYNs, so a connect neither succeeds nor is refused (a black-holed host).
     */
    private int blackHole() {
        try {
            blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), blackHole.getLocalPort()), 300);
                    queued.add(s);
                } catch (IOException full) {
                    s.close(); // the queue is full: from here on the port is a black hole
                }
            }
            return blackHole.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        for (Socket s : queued) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
        try {
            if (blackHole != null) {
                blackHole.close();
            }
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
