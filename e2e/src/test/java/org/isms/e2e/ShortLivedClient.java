package org.isms.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * A public client of realm {@code isms} whose access tokens live 2 seconds, made through Keycloak's admin
 * API for the expired-token test (the demo realm's clients issue 5-minute tokens). Created once; kept.
 */
final class ShortLivedClient {
    static final String CLIENT_ID = "e2e-short-lived";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShortLivedClient() {
    }

    static void ensure(String keycloak, String adminToken) throws Exception {
        Map<String, Object> mapperConfig = Map.of("user.attribute", "tenant", "claim.name", "tenant",
                "jsonType.label", "String", "access.token.claim", "true");
        Map<String, Object> client = Map.of(
                "clientId", CLIENT_ID,
                "name", "e2e tests: tokens that expire after 2 s",
                "publicClient", true,
                "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false,
                "attributes", Map.of("access.token.lifespan", "2"),
                "protocolMappers", List.of(
                        Map.of("name", "tenant", "protocol", "openid-connect",
                                "protocolMapper", "oidc-usermodel-attribute-mapper", "config", mapperConfig),
                        Map.of("name", "audience isms-api", "protocol", "openid-connect",
                                "protocolMapper", "oidc-audience-mapper", "config",
                                Map.of("included.custom.audience", "isms-api", "access.token.claim", "true"))));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloak + "/admin/realms/isms/clients")).header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("creating client " + CLIENT_ID + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
