package org.isms.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Keycloak comes up with realm isms: the roles, demo users, clients and the tenant claim. */
class KeycloakResourceTest {
    static String keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakResource.start(Duration.ofMinutes(5));
    }

    @Test
    void officerTokenShouldCarryRoleTenantAndAudience() {
        JsonNode claims = KeycloakTokens.claims(KeycloakTokens.password(keycloak, "officer"));
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"security-officer\"");
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
        assertThat(claims.path("aud").toString()).contains("isms-api");
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak + "/realms/isms");
        assertThat(claims.path("preferred_username").asText()).isEqualTo("officer");
    }

    @Test
    void malloryShouldBelongToAnotherTenant() {
        JsonNode claims = KeycloakTokens.claims(KeycloakTokens.password(keycloak, "mallory"));
        assertThat(claims.path("tenant").asText()).isEqualTo("globex");
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"isms-admin\"");
    }

    @Test
    void siemConnectorServiceAccountShouldIngestForAcme() {
        JsonNode claims = KeycloakTokens.claims(
                KeycloakTokens.clientCredentials(keycloak, "siem-connector", "siem-demo-secret"));
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"siem-ingest\"");
        assertThat(claims.path("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void wrongPasswordShouldGetNoToken() {
        assertThatThrownBy(() -> KeycloakTokens.clientCredentials(keycloak, "siem-connector", "wrong"))
                .hasMessageContaining("401");
    }
}
