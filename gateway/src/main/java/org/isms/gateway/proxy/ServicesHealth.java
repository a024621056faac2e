package org.isms.gateway.proxy;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.isms.gateway.config.GatewayConfig;

/**
 * Readiness reports each service behind the gateway (its own {@code /q/health/ready}) in the check's
 * data. The gateway stays ready while a service is down: it still answers, with 503 for that service's
 * routes, and taking the whole entry out of a load balancer for one service would be worse.
 */
@Readiness
@ApplicationScoped
public class ServicesHealth implements AsyncHealthCheck {
    private final GatewayConfig config;
    private final Upstreams upstreams;

    public ServicesHealth(GatewayConfig config, Upstreams upstreams) {
        this.config = config;
        this.upstreams = upstreams;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Map.Entry<String, String>>> checks = new ArrayList<>();
        config.services().keySet().forEach(name -> checks.add(state(name)));
        return Uni.join().all(checks).andCollectFailures().map(states -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("services").up();
            states.forEach(e -> b.withData(e.getKey(), e.getValue()));
            return b.build();
        });
    }

    private Uni<Map.Entry<String, String>> state(String name) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/health/ready")
                .setIdleTimeout(2000);
        return Uni.createFrom().completionStage(() -> upstreams.client(name).request(options)
                .compose(req -> req.send().map(res -> res.statusCode() == 200 ? "UP" : "DOWN (" + res.statusCode() + ")"))
                .toCompletionStage())
                .onFailure().recoverWithItem("DOWN (unreachable)")
                .map(state -> Map.entry(name, state));
    }
}
