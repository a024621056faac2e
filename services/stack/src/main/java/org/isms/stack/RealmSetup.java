package org.isms.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sets up realm {@code isms} through Keycloak's admin REST API, each step only if it is missing, so
 * running it again (every {@code ./isms up}) changes nothing and a half-finished run is completed:
 * the realm with its roles and clients ({@code isms-realm.json}), the user profile's policy that lets
 * admins (and only admins) set the {@code tenant} attribute, and the demo users ({@code demo-users.json}).
 */
public final class RealmSetup {
    public static final String REALM = "isms";
    public static final String ADMIN_USER = "admin";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminPassword;
    private String token;

    public RealmSetup(String baseUrl, String adminPassword) {
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    public void ensureRealm() {
        token = adminToken();
        if (call("GET", "/admin/realms/" + REALM, null).statusCode() == 404) {
            expect(call("POST", "/admin/realms", read("keycloak/isms-realm.json")), 201, "create realm");
        }
        ensureClients();
        allowAdminManagedAttributes();
        JsonNode demo = read("keycloak/demo-users.json");
        String password = demo.get("password").asText();
        for (JsonNode u : demo.get("users")) {
            String id = findUser(u.get("username").asText());
            if (id == null) {
                ObjectNode user = JSON.createObjectNode()
                        .put("username", u.get("username").asText())
                        .put("firstName", u.get("firstName").asText())
                        .put("lastName", u.get("lastName").asText())
                        .put("email", u.get("username").asText() + "@" + u.get("tenant").asText() + ".example")
                        .put("emailVerified", true)
                        .put("enabled", true);
                user.putObject("attributes").putArray("tenant").add(u.get("tenant").asText());
                user.putArray("credentials").addObject().put("type", "password").put("value", password)
                        .put("temporary", false);
                expect(call("POST", "/admin/realms/" + REALM + "/users", user), 201, "create user");
                id = findUser(u.get("username").asText());
            }
            grantRoles(id, u.get("roles"));
        }
        for (JsonNode sa : demo.get("serviceAccounts")) {
            String clientId = clientUuid(sa.get("client").asText());
            JsonNode user = json(expect(call("GET", "/admin/realms/" + REALM + "/clients/" + clientId
                    + "/service-account-user", null), 200, "service account"));
            ObjectNode update = (ObjectNode) user;
            update.putObject("attributes").putArray("tenant").add(sa.get("tenant").asText());
            expect(call("PUT", "/admin/realms/" + REALM + "/users/" + user.get("id").asText(), update), 204,
                    "service account tenant");
            grantRoles(user.get("id").asText(), sa.get("roles"));
        }
    }

    /** Clients added to the realm file after a realm was created (kept data) are created too; existing ones stay. */
    private void ensureClients() {
        for (JsonNode client : read("keycloak/isms-realm.json").get("clients")) {
            JsonNode found = json(expect(call("GET", "/admin/realms/" + REALM + "/clients?clientId="
                    + URLEncoder.encode(client.get("clientId").asText(), StandardCharsets.UTF_8), null), 200, "find client"));
            if (found.isEmpty()) {
                expect(call("POST", "/admin/realms/" + REALM + "/clients", client), 201,
                        "create client " + client.get("clientId").asText());
            }
        }
    }

    private void allowAdminManagedAttributes() {
        String path = "/admin/realms/" + REALM + "/users/profile";
        ObjectNode profile = (ObjectNode) json(expect(call("GET", path, null), 200, "user profile"));
        if (!"ADMIN_EDIT".equals(profile.path("unmanagedAttributePolicy").asText())) {
            profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
            expect(call("PUT", path, profile), 200, "user profile policy");
        }
    }

    private void grantRoles(String userId, JsonNode roleNames) {
        ArrayNode roles = JSON.createArrayNode();
        for (JsonNode name : roleNames) {
            roles.add(json(expect(call("GET", "/admin/realms/" + REALM + "/roles/" + name.asText(), null), 200,
                    "role " + name.asText())));
        }
        expect(call("POST", "/admin/realms/" + REALM + "/users/" + userId + "/role-mappings/realm", roles), 204,
                "role mapping");
    }

    private String findUser(String username) {
        JsonNode found = json(expect(call("GET", "/admin/realms/" + REALM + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null), 200, "find user"));
        return found.isEmpty() ? null : found.get(0).get("id").asText();
    }

    private String clientUuid(String clientId) {
        JsonNode found = json(expect(call("GET", "/admin/realms/" + REALM + "/clients?clientId="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null), 200, "find client"));
        if (found.isEmpty()) {
            throw new IllegalStateException("client " + clientId + " is missing in realm " + REALM);
        }
        return found.get(0).get("id").asText();
    }

    private String adminToken() {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", ADMIN_USER, "password", adminPassword);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = send(req);
        if (res.statusCode() != 200) {
            throw new IllegalStateException("admin login failed (" + res.statusCode() + "): the master realm's "
                    + "admin has another password than the one this stack keeps");
        }
        return json(res).get("access_token").asText();
    }

    private HttpResponse<String> call(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(req.method() + " " + req.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> res, int status, String what) {
        if (res.statusCode() != status) {
            throw new IllegalStateException(what + ": " + res.request().method() + " " + res.request().uri().getPath()
                    + " answered " + res.statusCode() + " " + res.body());
        }
        return res;
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + res.body(), e);
        }
    }

    private static JsonNode read(String resource) {
        try {
            return JSON.readTree(StackSettings.resource(resource));
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
