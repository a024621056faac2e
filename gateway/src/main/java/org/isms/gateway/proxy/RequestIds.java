package org.isms.gateway.proxy;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an {@code X-Request-Id} (the caller's, when it sends a sane one), which goes on to the
 * service and comes back on the response, with the security headers every answer carries. The answer also names
 * the request's trace: the {@code traceparent} of the gateway's server span, which OpenTelemetry opened for it
 * (continuing the caller's {@code traceparent}, or starting a trace), so that a caller can quote it.
 */
final class RequestIds {
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static void handle(RoutingContext rc) {
        String id = rc.request().getHeader(REQUEST_ID);
        rc.put(REQUEST_ID, id != null && SANE_ID.matcher(id).matches() ? id : UUID.randomUUID().toString());
        // the request's server span, current here (the first route): the headers may be written from elsewhere
        Context trace = Context.current();
        rc.addHeadersEndHandler(v -> {
            var h = rc.response().headers();
            h.set(REQUEST_ID, requestId(rc));
            W3CTraceContextPropagator.getInstance().inject(trace, h, (headers, name, value) -> headers.set(name, value));
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
}
