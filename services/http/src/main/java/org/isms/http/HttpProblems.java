package org.isms.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** problem+json (RFC 9457) written straight to a Vert.x response, in the shape every ISMS answer has. */
public final class HttpProblems {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:isms:problem:";

    private HttpProblems() {
    }

    public static JsonObject problem(int status, String kind, String title, String detail, String instance) {
        return new JsonObject().put("type", TYPE_PREFIX + kind).put("title", title).put("status", status)
                .put("detail", detail).put("instance", instance);
    }

    /** Answers with a problem, unless an answer has begun (then the connection is reset: nothing sane can follow). */
    public static void send(RoutingContext rc, int status, String kind, String title, String detail) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .end(problem(status, kind, title, detail, safePath(rc)).encode());
    }

    /** The request path for the problem's {@code instance}, without a NUL byte or control characters. */
    static String safePath(RoutingContext rc) {
        String path = rc.request().path();
        return path == null ? null : path.replaceAll("[\\p{Cntrl}]", "?");
    }
}
