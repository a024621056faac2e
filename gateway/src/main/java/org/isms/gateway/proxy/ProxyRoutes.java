package org.isms.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.isms.gateway.config.GatewayConfig;
import org.isms.http.HttpEdge;
import org.isms.http.HttpProblems;
import org.jboss.logging.Logger;

/**
 * The reverse proxy: every {@code /api/**} path but {@code /api/me} goes to the service its route names,
 * streamed both ways over pooled keep-alive connections, after the gateway has checked the token, the
 * route's roles for the method, the caller's rate and the body size. The token goes on to the service,
 * which checks it again. A service that cannot be reached or does not answer in time is a 503 or 504
 * problem+json at once, and after repeated failures its circuit opens (503 without trying, Retry-After).
 * A caller whose body stalls is answered 408 after {@code gateway.limits.body-idle-timeout}; that, a caller
 * going away and a body over the limit are the caller's doing and never count against the service.
 */
@ApplicationScoped
public class ProxyRoutes {
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    /** Set when the request ended for the caller's reasons (body over the limit, stalled, gone): not the service's fault. */
    private static final String CALLERS_DOING = "gateway.callers-doing";
    /**
     * Hop-by-hop headers (RFC 9110 7.6.1) and what the gateway sets itself, the trace context among them: the
     * server span continued the caller's, and OpenTelemetry gives the proxied call its own client span's.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "cookie",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "traceparent", "tracestate", "baggage");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "trailer",
            "upgrade", "server", "set-cookie");

    private final GatewayConfig config;
    private final RouteTable routes;
    private final Upstreams upstreams;
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final RateLimiter limiter;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final Clock clock;

    public ProxyRoutes(GatewayConfig config, Upstreams upstreams, Vertx vertx, MeterRegistry metrics, Clock clock) {
        this.config = config;
        this.upstreams = upstreams;
        this.routes = new RouteTable(config);
        this.metrics = metrics;
        this.vertx = vertx;
        this.clock = clock;
        this.limiter = new RateLimiter(config.limits().rate(), config.limits().burst());
        config.services().keySet().forEach(name -> breakers.put(name,
                new CircuitBreaker(config.breaker().failures(), config.breaker().open(), clock)));
        vertx.setPeriodic(60_000, id -> limiter.sweep(nanos()));
    }

    void install(@Observes Router router) {
        // request ids, the trace and security headers on every answer, the HTTP edge's refusals included (it runs at -1000)
        router.route().order(HttpEdge.ORDER - 100).handler(RequestIds::handle);
        router.route().order(HttpEdge.ORDER + 100).handler(PathGuard::handle);
        router.routeWithRegex("/api/.*").order(10).handler(this::handle).failureHandler(this::failure);
        router.get("/login").order(10).handler(ProxyRoutes::login);
    }

    /**
     * Browser login: an anonymous browser is challenged (the code flow sends it to Keycloak); back with a
     * session cookie it lands on {@code /api/me}. The cookie then authenticates its API calls (the session's
     * access token goes on as a bearer); {@code /logout} ends the session here and at Keycloak.
     */
    private static void login(RoutingContext rc) {
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                // the code flow's challenge: a redirect to Keycloak's login (answered here, so that no
                // problem+json mapper takes it for an API 401)
                HttpAuthenticator authenticator = rc.get(HttpAuthenticator.class.getName());
                authenticator.sendChallenge(rc).subscribe().with(sent -> {
                    if (!rc.response().ended()) {
                        rc.response().end();
                    }
                }, rc::fail);
            } else {
                rc.redirect("/api/me");
            }
        }, rc::fail);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        if (req.path().equals("/api/me")) {
            rc.next(); // the gateway's own endpoint
            return;
        }
        RouteTable.Entry route = routes.find(req.path());
        if (route == null) {
            HttpProblems.send(rc, 404, "not-found", "Not found", "no service serves " + req.path());
            return;
        }
        req.pause();
        long started = System.nanoTime();
        rc.addEndHandler(v -> record(route, req.method().name(), rc.response().getStatusCode(), started));
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> authorized(rc, route, identity),
                failure -> {
                    if (!limited(rc, "ip:" + clientAddress(req))) {
                        HttpProblems.send(rc, 401, "unauthorized", "Unauthorized", failure instanceof AuthenticationFailedException
                                ? "the bearer token is not valid (signature, issuer, audience or expiry)"
                                : "authentication failed");
                    }
                });
    }

    /** A failed authentication may reach the route as a routing failure: answer it as problem+json too. */
    private void failure(RoutingContext rc) {
        if (rc.failure() instanceof AuthenticationFailedException || rc.statusCode() == 401) {
            HttpProblems.send(rc, 401, "unauthorized", "Unauthorized",
                    "the bearer token is not valid (signature, issuer, audience or expiry)");
        } else {
            LOG.errorf(rc.failure(), "gateway failure on %s", rc.request().path());
            HttpProblems.send(rc, rc.statusCode() >= 400 ? rc.statusCode() : 500, "internal", "Internal error",
                    "the gateway could not handle the request; quote request id " + RequestIds.requestId(rc));
        }
    }

    private void authorized(RoutingContext rc, RouteTable.Entry route, SecurityIdentity identity) {
        HttpServerRequest req = rc.request();
        String caller = identity == null || identity.isAnonymous() ? "ip:" + clientAddress(req)
                : "sub:" + identity.getPrincipal().getName();
        if (limited(rc, caller)) {
            return;
        }
        if (identity == null || identity.isAnonymous()) {
            HttpProblems.send(rc, 401, "unauthorized", "Unauthorized", "a bearer token is required");
            return;
        }
        List<String> roles = route.rolesFor(req.method().name());
        if (!roles.isEmpty() && roles.stream().noneMatch(identity::hasRole)) {
            HttpProblems.send(rc, 403, "forbidden", "Forbidden", "your roles do not allow " + req.method() + " on "
                    + route.prefix() + " (needs one of " + String.join(", ", roles) + ")");
            return;
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > config.limits().maxBodySize()) {
            HttpProblems.send(rc, 413, "payload-too-large", "Payload too large", "the body exceeds "
                    + config.limits().maxBodySize() + " bytes");
            return;
        }
        CircuitBreaker breaker = breakers.get(route.service());
        CircuitBreaker.Permit permit = breaker.acquire();
        if (permit == null) {
            long wait = breaker.retryAfterSeconds();
            rc.response().putHeader("Retry-After", String.valueOf(wait));
            HttpProblems.send(rc, 503, "service-unavailable", "Service unavailable", route.service()
                    + " failed repeatedly and is given a rest; try again in " + wait + " s");
            return;
        }
        // whatever else happens, the permit is given back when the exchange ends (a trial never stays taken)
        rc.addEndHandler(v -> permit.released());
        rc.response().closeHandler(v -> permit.released());
        forward(rc, route, identity, permit);
    }

    private void forward(RoutingContext rc, RouteTable.Entry route, SecurityIdentity identity,
            CircuitBreaker.Permit permit) {
        HttpServerRequest req = rc.request();
        GatewayConfig.Service service = config.services().get(route.service());
        // the path PathGuard checked (its own normalized form) and the query as it came
        String uri = req.path() + (req.query() == null ? "" : "?" + req.query());
        RequestOptions options = new RequestOptions().setMethod(req.method()).setURI(uri)
                .setIdleTimeout(service.timeout().toMillis());
        upstreams.client(route.service()).request(options).onComplete(ar -> {
            if (ar.failed()) {
                failed(rc, route, permit, ar.cause());
                return;
            }
            HttpClientRequest out = ar.result();
            copyRequestHeaders(rc, identity, out);
            out.response().onComplete(res -> {
                if (res.failed()) {
                    failed(rc, route, permit, res.cause());
                } else {
                    permit.succeeded();
                    respond(rc, res.result());
                }
            });
            rc.response().closeHandler(v -> {
                rc.put(CALLERS_DOING, Boolean.TRUE); // the caller went away: the exchange ends, nobody's fault upstream
                permit.released();
                out.exceptionHandler(e -> LOG.debugf("request to the service reset: the caller went away"));
                out.reset();
            });
            pipeBody(rc, out);
        });
    }

    /**
     * Streams the body with back-pressure, counting it: a chunked body over the limit is cut off with 413, a
     * body the caller stops sending for {@code body-idle-timeout} with 408 (the timer runs only while the
     * gateway waits for the caller, not while it holds the caller back for a slow service); either way the
     * service's exchange is reset. The idle timeout must stay below the services' timeouts, so that a stalled
     * caller is found out before the service's silence would be blamed.
     */
    private void pipeBody(RoutingContext rc, HttpClientRequest out) {
        HttpServerRequest req = rc.request();
        long max = config.limits().maxBodySize();
        long idle = config.limits().bodyIdleTimeout().toMillis();
        long[] size = { 0 };
        boolean[] cut = { false };
        long[] timer = { -1 };
        Runnable stalled = () -> {
            if (cut[0] || rc.response().ended()) {
                return;
            }
            cut[0] = true;
            rc.put(CALLERS_DOING, Boolean.TRUE);
            rc.response().putHeader("Connection", "close");
            HttpProblems.send(rc, 408, "request-timeout", "Request timeout", "the request body stalled for "
                    + config.limits().bodyIdleTimeout().toSeconds() + " s; send it without pausing");
            out.exceptionHandler(e -> LOG.debugf("request to the service reset: the caller's body stalled"));
            out.reset();
        };
        Runnable rearm = () -> {
            if (timer[0] >= 0) {
                vertx.cancelTimer(timer[0]);
            }
            timer[0] = vertx.setTimer(idle, id -> stalled.run());
        };
        // no declared length: stream chunked whenever a body may come (any method may carry one)
        if (req.getHeader(HttpHeaders.CONTENT_LENGTH) == null && (req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD
                        && req.method() != HttpMethod.DELETE && req.method() != HttpMethod.OPTIONS))) {
            out.setChunked(true);
        }
        req.handler(buf -> {
            if (cut[0]) {
                return;
            }
            size[0] += buf.length();
            if (size[0] > max) {
                cut[0] = true;
                vertx.cancelTimer(timer[0]);
                rc.put(CALLERS_DOING, Boolean.TRUE); // the reset below is the gateway's doing, not the service's failure
                HttpProblems.send(rc, 413, "payload-too-large", "Payload too large", "the body exceeds " + max + " bytes");
                out.exceptionHandler(e -> LOG.debugf("request to the service cut off at %d bytes", max));
                out.reset();
                return;
            }
            out.write(buf);
            if (out.writeQueueFull()) {
                // the service is slow to read: we pause the caller, so it is not the caller stalling meanwhile
                vertx.cancelTimer(timer[0]);
                req.pause();
                out.drainHandler(v -> {
                    rearm.run();
                    req.resume();
                });
            } else {
                rearm.run();
            }
        });
        req.endHandler(v -> {
            vertx.cancelTimer(timer[0]);
            if (!cut[0]) {
                out.end();
            }
        });
        rearm.run();
        req.resume();
    }

    private void copyRequestHeaders(RoutingContext rc, SecurityIdentity identity, HttpClientRequest out) {
        HttpServerRequest req = rc.request();
        MultiMap headers = out.headers();
        req.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase())) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        if (req.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            // a browser session: the service gets the session's access token, as a bearer
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            if (token != null) {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
            }
        }
        headers.set(RequestIds.REQUEST_ID, RequestIds.requestId(rc));
        headers.set("X-Forwarded-For", clientAddress(req));
        headers.set("X-Forwarded-Proto", req.isSSL() ? "https" : "http");
        if (req.authority() != null) {
            headers.set("X-Forwarded-Host", req.authority().toString());
        }
    }

    private void respond(RoutingContext rc, HttpClientResponse in) {
        HttpServerResponse resp = rc.response();
        if (resp.ended() || resp.headWritten()) {
            in.request().reset();
            return;
        }
        resp.setStatusCode(in.statusCode());
        in.headers().forEach(h -> {
            if (!NOT_RETURNED.contains(h.getKey().toLowerCase())) {
                resp.headers().add(h.getKey(), h.getValue());
            }
        });
        if (in.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            resp.setChunked(true);
        }
        resp.send(in);
    }

    private void failed(RoutingContext rc, RouteTable.Entry route, CircuitBreaker.Permit permit, Throwable cause) {
        if (Boolean.TRUE.equals(rc.get(CALLERS_DOING))) {
            permit.released(); // answered already (413, 408) or nobody to answer: the service did nothing wrong
            return;
        }
        permit.failed();
        if (rc.response().ended()) {
            return;
        }
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            HttpProblems.send(rc, 504, "gateway-timeout", "Gateway timeout", route.service() + " did not answer in "
                    + config.services().get(route.service()).timeout().toSeconds() + " s");
        } else {
            LOG.debugf("%s unreachable: %s", route.service(), cause.toString());
            HttpProblems.send(rc, 503, "service-unavailable", "Service unavailable", route.service() + " is not reachable"
                    + (cause instanceof ConnectException ? "" : " (" + cause.getClass().getSimpleName() + ")"));
        }
    }

    private boolean limited(RoutingContext rc, String caller) {
        long wait = limiter.take(caller, nanos());
        if (wait == 0) {
            return false;
        }
        rc.response().putHeader("Retry-After", String.valueOf(wait));
        HttpProblems.send(rc, 429, "too-many-requests", "Too many requests", "more than " + config.limits().rate()
                + " requests per second (burst " + config.limits().burst() + "); slow down");
        return true;
    }

    private void record(RouteTable.Entry route, String method, int status, long started) {
        Timer.builder("gateway.requests").description("Requests the gateway routed, by route, method and status")
                .tag("route", route.prefix()).tag("service", route.service()).tag("method", method)
                .tag("status", String.valueOf(status)).register(metrics).record(System.nanoTime() - started,
                        java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The clock's time in nanoseconds, for the rate limiter's buckets. */
    private long nanos() {
        return java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    private static String clientAddress(HttpServerRequest req) {
        return req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
