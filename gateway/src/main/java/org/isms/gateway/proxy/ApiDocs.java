package org.isms.gateway.proxy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.isms.gateway.config.GatewayConfig;
import org.isms.http.HttpProblems;

/**
 * Every service's OpenAPI document at {@code /openapi/<service>}, as the gateway's clients should use it:
 * the server is the gateway (so Swagger UI's "try it out" goes through it) and the security scheme is
 * Keycloak's OpenID Connect (so Swagger UI can log in). Public like the services' own documents: they
 * describe the API and hold no data. Swagger UI ({@code /q/swagger-ui}) lists them all.
 */
@ApplicationScoped
public class ApiDocs {
    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final String openIdConnectUrl;

    public ApiDocs(GatewayConfig config, Upstreams upstreams) {
        this.config = config;
        this.upstreams = upstreams;
        this.openIdConnectUrl = config.docs().openidConnectUrl();
    }

    void install(@Observes Router router) {
        router.get("/openapi/:service").order(10).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        String name = rc.pathParam("service");
        if (!config.services().containsKey(name)) {
            HttpProblems.send(rc, 404, "not-found", "Not found", "no service " + name + " behind the gateway");
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/openapi?format=json")
                .setIdleTimeout(5000).putHeader("Accept", "application/json");
        upstreams.client(name).request(options).compose(req -> req.send().compose(res -> res.body().map(body -> {
            if (res.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + res.statusCode());
            }
            return body.toJsonObject();
        }))).onSuccess(doc -> rc.response().putHeader("Content-Type", "application/json")
                .end(forClients(doc, gatewayBase(rc)).encode()))
                .onFailure(e -> HttpProblems.send(rc, 503, "service-unavailable", "Service unavailable",
                        name + "'s API document cannot be read now: " + e.getMessage()));
    }

    /** The document with the gateway as its server and Keycloak's OpenID Connect as its security scheme. */
    JsonObject forClients(JsonObject doc, String gateway) {
        doc.put("servers", new JsonArray().add(new JsonObject().put("url", gateway)
                .put("description", "the ISMS gateway")));
        JsonObject components = doc.getJsonObject("components", new JsonObject());
        JsonObject schemes = components.getJsonObject("securitySchemes", new JsonObject());
        schemes.put("keycloak", new JsonObject().put("type", "openIdConnect").put("openIdConnectUrl", openIdConnectUrl));
        components.put("securitySchemes", schemes);
        doc.put("components", components);
        doc.put("security", new JsonArray().add(new JsonObject().put("keycloak", new JsonArray())));
        return doc;
    }

    private static String gatewayBase(RoutingContext rc) {
        return (rc.request().isSSL() ? "https" : "http") + "://" + rc.request().authority();
    }
}
