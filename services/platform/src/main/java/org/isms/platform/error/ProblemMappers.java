package org.isms.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service answers, as problem+json. The most specific mapper wins; the last one catches
 * what nobody expected and answers 500 with an error id to quote, never a class name, SQL or stack.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_PREFIX = "urn:isms:problem:";

    @ServerExceptionMapper
    public Response domain(ProblemException e, HttpServerRequest request) {
        return answer(new Problem(TYPE_PREFIX + e.kind(), e.title(), e.status(), e.getMessage(), path(request),
                e.errors(), null));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return answer(new Problem(TYPE_PREFIX + "validation", "Invalid input", 400, detail, path(request), errors,
                null));
    }

    @ServerExceptionMapper
    public Response unreadableField(MismatchedInputException e, HttpServerRequest request) {
        String field = jsonPath(e);
        String message;
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException f && org.isms.platform.json.NoNulStrings.MESSAGE.equals(
                f.getOriginalMessage())) {
            message = org.isms.platform.json.NoNulStrings.MESSAGE;
        } else if (e instanceof InvalidFormatException f) {
            message = "'" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType());
        } else {
            message = "has the wrong type, expected " + simpleType(e.getTargetType());
        }
        if (field.isEmpty()) {
            return malformed("the body is not the expected JSON object", request);
        }
        return answer(new Problem(TYPE_PREFIX + "validation", "Invalid input", 400, field + ": " + message,
                path(request), List.of(new Problem.FieldError(field, message)), null));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return malformed("the body is not well-formed JSON" + where, request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return unauthenticated(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return answer(new Problem(TYPE_PREFIX + "forbidden", "Forbidden", 403,
                "your roles do not allow this operation", path(request), null, null));
    }

    @ServerExceptionMapper
    public Response staleVersion(StaleStateException e, HttpServerRequest request) {
        return answer(new Problem(TYPE_PREFIX + "precondition-failed", "Precondition failed", 412,
                "the resource was changed concurrently; read it again and retry with its new ETag", path(request),
                null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof MismatchedInputException m) {
            return unreadableField(m, request);
        }
        if (cause instanceof JsonProcessingException j) {
            return malformedJson(j, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no resource at " + path(request);
            case 405 -> request.method() + " is not allowed on " + path(request);
            case 406 -> "this resource answers application/json";
            case 415 -> "send application/json";
            default -> title;
        };
        return answer(new Problem(TYPE_PREFIX + slug(title), title, status, detail, path(request), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (concurrencyConflict(e)) {
            // PostgreSQL broke a deadlock (or a serialization failure) by rolling this transaction back: nothing was
            // saved, and the same request again will most likely pass
            LOG.warnf("transaction rolled back by the database (%s) on %s %s", SqlStates.of(e), request.method(),
                    path(request));
            return answer(new Problem(TYPE_PREFIX + "conflict", "Conflict", 409, "another change to the same records"
                    + " came at the same moment; nothing was saved: send the request again", path(request), null, null));
        }
        DatabaseFailure db = databaseFailure(e);
        if (db != DatabaseFailure.NONE) {
            // not a fault of the request nor a bug: the database is away for now (a restart, a failover)
            LOG.warnf("database unavailable (%s) on %s %s: %s", db, request.method(), path(request), e.toString());
            boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
                    || request.method() == HttpMethod.OPTIONS;
            return Response.status(503).header("Retry-After", "5").type(Problem.MEDIA_TYPE)
                    .entity(new Problem(TYPE_PREFIX + "service-unavailable", "Service unavailable", 503,
                            unavailableDetail(db, read), path(request), null, null)).build();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s %s", errorId, request.method(), path(request));
        return answer(new Problem(TYPE_PREFIX + "internal", "Internal error", 500,
                "the request could not be completed; quote error id " + errorId + " when reporting it",
                path(request), null, errorId));
    }

    /** Whether PostgreSQL rolled the transaction back to resolve a deadlock (40P01) or a serialization failure (40001). */
    static boolean concurrencyConflict(Throwable e) {
        String state = SqlStates.of(e);
        return "40P01".equals(state) || "40001".equals(state);
    }

    /** What a caller is told of a database outage: whether a write may have been saved, so a retry is safe. */
    static String unavailableDetail(DatabaseFailure db, boolean read) {
        if (read) {
            return "the database is not reachable just now; try again shortly";
        }
        return db == DatabaseFailure.NOT_REACHED
                ? "the database is not reachable just now; nothing was changed: try again shortly"
                : "the connection to the database was lost while the change was made: it may or may not have been"
                        + " saved; read the resource before you try again";
    }

    /** How a request met an absent database, if it did. */
    enum DatabaseFailure {
        /** Not a database outage. */
        NONE,
        /** No connection was had: nothing of the request reached the database, so nothing was changed. */
        NOT_REACHED,
        /**
         * A connection was lost while the request ran (PostgreSQL shut down or crashed, the network cut): a write
         * may have been committed just before the answer was lost, or not.
         */
        LOST
    }

    /**
     * Whether a failure is the database being out of reach, and how: a refused or timed-out connect, PostgreSQL
     * refusing connections while it starts or shuts down (08001, 08004, 57P03) is {@code NOT_REACHED}; a closed
     * connection or a reset socket, an administrator or crash shutdown (57P01, 57P02) or another connection
     * failure (class 08) mid-request is {@code LOST}.
     */
    static DatabaseFailure databaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return DatabaseFailure.NOT_REACHED;
            }
            if (t instanceof io.vertx.sqlclient.ClosedConnectionException || t instanceof java.net.SocketException) {
                // a reset or closed socket: the database connection is the only one a request reads from
                return DatabaseFailure.LOST;
            }
            String state = SqlStates.own(t);
            if (state != null) {
                if (state.equals("08001") || state.equals("08004") || state.equals("57P03")) {
                    return DatabaseFailure.NOT_REACHED;
                }
                if (state.startsWith("08") || state.startsWith("57P0")) {
                    return DatabaseFailure.LOST;
                }
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Connection refused") || m.contains("Pool closed"))) {
                return DatabaseFailure.NOT_REACHED;
            }
            if (m != null && m.contains("Connection is not active now")) {
                return DatabaseFailure.LOST;
            }
        }
        return DatabaseFailure.NONE;
    }

    private Response unauthenticated(HttpServerRequest request) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"isms\"")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + "unauthorized", "Unauthorized", 401,
                        "a valid bearer token is required", path(request), null, null))
                .build();
    }

    private Response malformed(String detail, HttpServerRequest request) {
        return answer(new Problem(TYPE_PREFIX + "malformed-request", "Malformed request", 400, detail,
                path(request), null, null));
    }

    static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(HttpServerRequest request) {
        return request == null ? null : request.path();
    }

    /**
     * The field a violation is about, without the method and parameter names: {@code create.request.classification.confidentiality}
     * (a body) becomes {@code classification.confidentiality}, {@code list.size} (a query parameter) {@code size}.
     */
    private static String field(ConstraintViolation<?> v) {
        String[] parts = v.getPropertyPath().toString().split("\\.");
        if (parts.length >= 3) {
            return String.join(".", Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == UUID.class) {
            return "UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 date or time";
        }
        return "object";
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
