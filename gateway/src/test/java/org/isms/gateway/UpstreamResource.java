package org.isms.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for the services behind the gateway (a narrow unit: the gateway's own behaviour; the real
 * services are behind it in the e2e tests). It echoes what reached it as JSON; {@code /api/assets/slow}
 * answers after 3 s. risk-service points at a port nobody listens on.
 */
public class UpstreamResource implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

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
        config.put("gateway.limits.max-body-size", "1024");
        config.put("gateway.limits.rate", "2");
        config.put("gateway.limits.burst", "20");
        config.put("gateway.limits.body-idle-timeout", "500ms");
        config.put("gateway.breaker.failures", "3");
        config.put("gateway.breaker.open", "2s");
        return config;
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
    }
}
