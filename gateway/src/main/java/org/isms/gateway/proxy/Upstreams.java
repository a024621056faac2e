package org.isms.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.isms.gateway.config.GatewayConfig;

/**
 * One pooled keep-alive HTTP client per service behind the gateway, its host and port set as the
 * defaults, so a request names only its path. The proxy, the API documents and the readiness check all
 * go through these.
 */
@ApplicationScoped
public class Upstreams {
    private final Map<String, HttpClient> clients = new HashMap<>();

    public Upstreams(GatewayConfig config, Vertx vertx) {
        config.services().forEach((name, s) -> {
            URI url = URI.create(s.url());
            clients.put(name, vertx.createHttpClient(new HttpClientOptions().setDefaultHost(url.getHost())
                    .setDefaultPort(url.getPort() > 0 ? url.getPort() : 80).setKeepAlive(true)
                    .setMaxPoolSize(s.maxConnections()).setConnectTimeout((int) s.connectTimeout().toMillis())));
        });
    }

    /** The client of a configured service. */
    public HttpClient client(String service) {
        return clients.get(service);
    }
}
