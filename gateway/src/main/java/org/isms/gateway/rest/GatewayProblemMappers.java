package org.isms.gateway.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.isms.http.HttpProblems;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The gateway's own endpoints answer 401 and 403 as problem+json too, like the proxied routes. */
public class GatewayProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return answer(401, "unauthorized", "Unauthorized", "a valid bearer token is required", request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return answer(401, "unauthorized", "Unauthorized",
                "the bearer token is not valid (signature, issuer, audience or expiry)", request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return answer(403, "forbidden", "Forbidden", "your roles do not allow this operation", request);
    }

    private static Response answer(int status, String kind, String title, String detail, HttpServerRequest request) {
        return Response.status(status).type(HttpProblems.MEDIA_TYPE)
                .entity(HttpProblems.problem(status, kind, title, detail, request.path()).encode()).build();
    }
}
