package org.isms.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.isms.events.EventTypes;
import org.isms.events.Topics;
import org.isms.events.asset.AssetRegistered;
import org.isms.events.asset.AssetSnapshot;
import org.isms.events.asset.Cia;
import org.isms.testing.AssetEventFixtures;
import org.isms.testing.KafkaBroker;
import org.isms.testing.TestDb;
import org.isms.testing.TestTokens;

/**
 * Calls the incident API as the users and the SIEM account of one tenant, and plays asset-service. Each test instance
 * takes its own tenant, so tests that share the database never see each other's alerts.
 */
final class IncidentApi {
    static final ObjectMapper JSON = new ObjectMapper();

    final String tenant;
    final AssetEventFixtures assets;

    IncidentApi(String prefix) {
        this.tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.assets = new AssetEventFixtures(tenant);
    }

    RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(TestTokens.user(user, roles).tenant(tenant).sign()).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** The SIEM connector's service account. */
    RequestSpecification siem() {
        return as("service-account-siem-connector", "siem-ingest");
    }

    RequestSpecification responder() {
        return as("rita", "incident-responder");
    }

    RequestSpecification officer() {
        return as("olivia", "security-officer");
    }

    RequestSpecification viewer() {
        return as("victor", "viewer");
    }

    /**
     * Posts alert documents through the webhook as a responder, who may read what became of them (the incident, the
     * assets matched; a SIEM account's answer has neither); the response.
     */
    Response post(Object body) {
        return responder().body(body instanceof JsonNode n ? n.toString() : body).post("/api/siem/alerts");
    }

    static JsonNode sample(String path) {
        try (InputStream in = IncidentApi.class.getResourceAsStream("/siem/" + path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a sample with another value at a top-level field (its id, say). */
    static ObjectNode with(JsonNode sample, String field, String value) {
        ObjectNode copy = sample.deepCopy();
        copy.put(field, value);
        return copy;
    }

    /**
     * Registers an asset with host names and addresses (networks too) as asset-service would announce it, and waits
     * until incident-service knows it.
     */
    UUID asset(String name, Cia cia, List<String> hostnames, List<String> ipAddresses) throws Exception {
        UUID id = UUID.randomUUID();
        AssetSnapshot s = new AssetSnapshot(id, name, "HARDWARE", "alice", "IN_USE", cia, cia, cia.max(), false, false,
                hostnames, ipAddresses, List.of(), List.of(), 0, null, null, null, List.of(), null);
        KafkaBroker.send(Topics.ASSET_EVENTS, assets.event(EventTypes.ASSET_REGISTERED, id,
                new AssetRegistered(s, "officer", "officer-id")));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDb.query(
                "select count(*) from asset_projection where tenant_id = ? and asset_id = ?", tenant, id).equals("1"));
        return id;
    }

    String count(String sql) {
        return TestDb.query(sql, tenant);
    }
}
