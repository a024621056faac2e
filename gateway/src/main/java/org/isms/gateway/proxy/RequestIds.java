package org.isms.gateway.proxy;

import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an {@code X-Request-Id} (the caller's, when it sends a sane one) and a W3C
 * {@code traceparent} (the caller's, else a new trace); both go on to the service and come back on the
 * response, with the security headers every answer carries.
 */
final class RequestIds {
    static final String REQUEST_ID = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static void handle(RoutingContext rc) {
        String id = rc.request().getHeader(REQUEST_ID);
        rc.put(REQUEST_ID, id != null && SANE_ID.matcher(id).matches() ? id : UUID.randomUUID().toString());
        String trace = rc.request().getHeader(TRACEPARENT);
        rc.put(TRACEPARENT, trace != null && TRACE.matcher(trace).matches() ? trace
                : "00-" + hex(16) + "-" + hex(8) + "-01");
        rc.addHeadersEndHandler(v -> {
            var h = rc.response().headers();
            h.set(REQUEST_ID, requestId(rc));
            h.set(TRACEPARENT, traceparent(rc));
            h.remove("Server");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
            if (rc.request().isSSL()) {
                h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            String type = h.get("Content-Type");
            if (type != null && type.startsWith("text/html") && !h.contains("Content-Security-Policy")) {
                h.set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'");
            }
        });
        rc.next();
    }

    static String requestId(RoutingContext rc) {
        return rc.get(REQUEST_ID);
    }

    static String traceparent(RoutingContext rc) {
        return rc.get(TRACEPARENT);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
