package org.isms.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first and the last word on every request, below JAX-RS and the gateway's proxy, so that what the HTTP
 * layer would answer by itself is problem+json like every other answer:
 * <ul>
 * <li>a request line longer than {@code isms.http.max-uri-length} is a 414, headers larger than
 * {@code isms.http.max-header-size} a 431, a declared body larger than {@code quarkus.http.limits.max-body-size}
 * a 413 (refused before it is read, the connection closed after the answer);</li>
 * <li>a path or query parameter holding a NUL byte (U+0000, which PostgreSQL refuses in text) is a 400 naming it;</li>
 * <li>a failure the HTTP layer raises ({@code rc.fail(413)} of a body handler, a route's {@link HttpException}),
 * a path no route serves (404) and a method a route does not take (405) answer problem+json.</li>
 * </ul>
 * A body of no declared length (chunked) is read here up to the limit when {@code isms.http.read-chunked-bodies}
 * is on (the services; the gateway streams bodies and counts them itself).
 * The Netty limits are set far above these (META-INF/microprofile-config.properties), so this handler sees
 * the request first; only a request line or headers above 64 KiB get Vert.x's bare answer, for which it
 * offers no hook.
 */
@ApplicationScoped
public class HttpEdge {
    /** Runs before the body-size check of Quarkus (order -2), its security filters and every route. */
    public static final int ORDER = -1000;

    private final int maxUriLength;
    private final int maxHeaderSize;
    private final long maxBodySize;
    private final boolean readChunkedBodies;

    public HttpEdge(@ConfigProperty(name = "isms.http.max-uri-length", defaultValue = "8192") int maxUriLength,
            @ConfigProperty(name = "isms.http.max-header-size", defaultValue = "20480") int maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            io.quarkus.runtime.configuration.MemorySize maxBodySize,
            @ConfigProperty(name = "isms.http.read-chunked-bodies", defaultValue = "false") boolean readChunkedBodies) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize;
        this.maxBodySize = maxBodySize.asLongValue();
        this.readChunkedBodies = readChunkedBodies;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        if (readChunkedBodies) {
            // a body of no declared length is read here, up to the limit (over it: 413 through the failure
            // handler below); RESTEasy takes the body read, and would otherwise read any size of it
            io.vertx.ext.web.handler.BodyHandler body = io.vertx.ext.web.handler.BodyHandler.create(false)
                    .setBodyLimit(maxBodySize).setMergeFormAttributes(false);
            router.route().order(ORDER + 1).handler(rc -> {
                HttpServerRequest req = rc.request();
                if (req.getHeader("Content-Length") == null && req.getHeader("Transfer-Encoding") != null) {
                    body.handle(rc);
                } else {
                    rc.next();
                }
            });
        }
        router.route().order(ORDER).failureHandler(this::failure);
        for (int status : new int[] { 404, 405, 406, 413, 414, 415, 431 }) {
            router.errorHandler(status, rc -> answer(rc, status));
        }
    }

    private void check(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        if (req.uri().length() > maxUriLength) {
            refuse(rc, 414, "uri-too-long", "URI too long", "the request URI has " + req.uri().length()
                    + " characters; at most " + maxUriLength + " are taken");
            return;
        }
        long headers = headerSize(req.headers());
        if (headers > maxHeaderSize) {
            refuse(rc, 431, "request-header-fields-too-large", "Request header fields too large", "the request headers"
                    + " have " + headers + " bytes; at most " + maxHeaderSize + " are taken");
            return;
        }
        String length = req.getHeader("Content-Length");
        if (length != null && parse(length) > maxBodySize) {
            rc.response().putHeader("Connection", "close");
            refuse(rc, 413, "payload-too-large", "Payload too large", "the body exceeds " + maxBodySize + " bytes");
            return;
        }
        String nul;
        try {
            nul = nulIn(req);
        } catch (IllegalArgumentException e) { // a query whose %-escapes do not decode
            refuse(rc, 400, "malformed-request", "Malformed request", "the query string is not well-formed: "
                    + e.getMessage());
            return;
        }
        if (nul != null) {
            rc.response().setStatusCode(400).putHeader("Content-Type", HttpProblems.MEDIA_TYPE)
                    .end(HttpProblems.problem(400, "validation", "Invalid input", nul + ": must not contain a NUL"
                            + " character (U+0000)", HttpProblems.safePath(rc))
                            .put("errors", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                                    .put("field", nul).put("message", "must not contain a NUL character (U+0000)")))
                            .encode());
            return;
        }
        rc.next();
    }

    /** The parameter (or {@code path}) that holds a NUL byte, null when none does. */
    static String nulIn(HttpServerRequest req) {
        String rawPath = req.path();
        if (rawPath != null && (rawPath.indexOf('\0') >= 0 || rawPath.toLowerCase(java.util.Locale.ROOT).contains("%00"))) {
            return "path";
        }
        for (Map.Entry<String, String> p : req.params()) {
            if (p.getKey().indexOf('\0') >= 0 || p.getValue().indexOf('\0') >= 0) {
                return p.getKey().replace('\0', '?');
            }
        }
        return null;
    }

    private void failure(RoutingContext rc) {
        Throwable f = rc.failure();
        int status = f instanceof HttpException h ? h.getStatusCode() : f == null ? rc.statusCode() : -1;
        if (status < 400 || status >= 500 || status == 401 || status == 403) {
            rc.next(); // authentication and authorization keep their own answers (challenges, redirects); 5xx too
            return;
        }
        answer(rc, status);
    }

    private void answer(RoutingContext rc, int status) {
        HttpServerRequest req = rc.request();
        switch (status) {
            case 404 -> HttpProblems.send(rc, 404, "not-found", "Not found", "no resource at " + HttpProblems.safePath(rc));
            case 405 -> HttpProblems.send(rc, 405, "method-not-allowed", "Method not allowed", req.method()
                    + " is not allowed on " + HttpProblems.safePath(rc));
            case 413 -> {
                rc.response().putHeader("Connection", "close");
                HttpProblems.send(rc, 413, "payload-too-large", "Payload too large", "the body exceeds " + maxBodySize
                        + " bytes");
            }
            case 414 -> HttpProblems.send(rc, 414, "uri-too-long", "URI too long", "the request URI is longer than "
                    + maxUriLength + " characters");
            case 431 -> HttpProblems.send(rc, 431, "request-header-fields-too-large", "Request header fields too large",
                    "the request headers are larger than " + maxHeaderSize + " bytes");
            default -> {
                io.netty.handler.codec.http.HttpResponseStatus known = io.netty.handler.codec.http.HttpResponseStatus
                        .valueOf(status);
                String title = known.reasonPhrase();
                HttpProblems.send(rc, status, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                        title, title);
            }
        }
    }

    private static void refuse(RoutingContext rc, int status, String kind, String title, String detail) {
        HttpProblems.send(rc, status, kind, title, detail);
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> h : headers) {
            size += h.getKey().length() + h.getValue().length() + 4; // "name: value\r\n"
        }
        return size;
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
