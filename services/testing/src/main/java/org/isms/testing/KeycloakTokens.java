package org.isms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** Real tokens from a running Keycloak: the password grant of {@code isms-cli}, and client credentials. */
public final class KeycloakTokens {
    public static final String DEMO_PASSWORD = "isms-demo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakTokens() {
    }

    /** An access token for a demo user (password {@code isms-demo}) through client {@code isms-cli}. */
    public static String password(String keycloakUrl, String username) {
        return token(keycloakUrl, "isms", Map.of("grant_type", "password", "client_id", "isms-cli",
                "username", username, "password", DEMO_PASSWORD));
    }

    /** An access token of any realm's user through a public client (e.g. {@code master}, {@code admin-cli}). */
    public static String password(String keycloakUrl, String realm, String clientId, String username, String password) {
        return token(keycloakUrl, realm, Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password));
    }

    /** An access token of a confidential client's service account. */
    public static String clientCredentials(String keycloakUrl, String clientId, String secret) {
        return token(keycloakUrl, "isms", Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret));
    }

    /** The claims of a JWT, unverified: for assertions on what a token carries. */
    public static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static String token(String keycloakUrl, String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("token request answered " + res.statusCode() + ": " + res.body());
            }
            return JSON.readTree(res.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
