package org.isms.platform.openapi;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.isms.platform.error.Problem;

/**
 * Documents the problem+json answers every API operation can give, so resources declare only their own
 * (a 201, a 409 with its reason): 400, 401 and 403 on every {@code /api} operation, 404 where the path
 * names a resource, 412 and 428 where the operation takes If-Match. An answer a resource documents itself
 * is left as it is. Registered for every service by the platform's {@code mp.openapi.filter}.
 */
public class ProblemResponses implements OASFilter {
    private static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey(SCHEMA)) {
            return; // no operation of this service answers problems through its API yet
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<?, Operation> e : item.getOperations().entrySet()) {
                Operation op = e.getValue();
                if (op.getResponses() == null) {
                    op.setResponses(OASFactory.createAPIResponses());
                }
                APIResponses r = op.getResponses();
                add(r, "400", "Invalid input");
                add(r, "401", "No valid bearer token");
                add(r, "403", "The caller's roles, or a rule of the resource, do not allow this");
                if (path.contains("{")) {
                    add(r, "404", "No such resource in the caller's tenant");
                }
                if (takesIfMatch(op)) {
                    add(r, "412", "If-Match is not the current version");
                    add(r, "428", "If-Match is missing");
                }
            }
        });
    }

    private static boolean takesIfMatch(Operation op) {
        return op.getParameters() != null && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER
                && "If-Match".equalsIgnoreCase(p.getName()));
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)))));
    }
}
