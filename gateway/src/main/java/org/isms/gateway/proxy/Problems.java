package org.isms.gateway.proxy;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** problem+json answers (RFC 9457) of the gateway itself, in the services' shape. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:isms:problem:";

    private Problems() {
    }

    public static JsonObject problem(int status, String kind, String title, String detail, String instance) {
        return new JsonObject().put("type", TYPE_PREFIX + kind).put("title", title).put("status", status)
                .put("detail", detail).put("instance", instance);
    }

    public static void send(RoutingContext rc, int status, String kind, String title, String detail) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .end(problem(status, kind, title, detail, rc.request().path()).encode());
    }
}
