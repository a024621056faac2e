package org.isms.asset;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which assets an alert points at: by host name, by IP address inside an address or network, by external id. */
@QuarkusTest
class AssetMatchTest {
    final AssetApi api = new AssetApi("match");
    String web;
    String subnet;
    String v6;
    String cloud;

    @BeforeEach
    void inventory() {
        web = api.registerId(AssetApi.with(AssetApi.asset("web server"), "type", "HARDWARE", "identifiers",
                Map.of("hostnames", List.of("web01", "www.acme.example"), "ipAddresses", List.of("192.168.10.5"))));
        subnet = api.registerId(AssetApi.with(AssetApi.asset("office network"), "type", "SERVICE", "classification",
                AssetApi.cia(3, 3, 3), "identifiers", Map.of("ipAddresses", List.of("192.168.0.0/16"))));
        v6 = api.registerId(AssetApi.with(AssetApi.asset("v6 cluster"), "type", "HARDWARE", "identifiers",
                Map.of("ipAddresses", List.of("2001:db8:abcd::/48"))));
        cloud = api.registerId(AssetApi.with(AssetApi.asset("cloud db"), "identifiers",
                Map.of("externalIds", List.of("i-0ABC123"))));
    }

    @Test
    void shouldMatchAnAddressInsideANetworkMostCriticalFirst() {
        Response r = match(Map.of("ip", "192.168.10.5"));
        assertThat(r.jsonPath().getList("matches.id")).containsExactly(subnet, web);
        assertThat(r.jsonPath().getList("matches[0].matchedOn")).containsExactly("ipAddress:192.168.0.0/16");
        assertThat(r.jsonPath().getList("matches[1].matchedOn")).containsExactly("ipAddress:192.168.10.5");
        assertThat(match(Map.of("ip", "192.168.99.1")).jsonPath().getList("matches.id")).containsExactly(subnet);
        assertThat(match(Map.of("ip", "10.0.0.1")).jsonPath().getList("matches")).isEmpty();
        assertThat(match(Map.of("ip", "2001:db8:abcd:12::1")).jsonPath().getList("matches.id")).containsExactly(v6);
    }

    @Test
    void shouldMatchHostNamesIgnoringCaseAndTheDomainOfAShortName() {
        assertThat(match(Map.of("host", "WWW.ACME.EXAMPLE")).jsonPath().getList("matches.id")).containsExactly(web);
        // the asset lists the short name, the alert carries the full one
        Response r = match(Map.of("host", "web01.corp.acme.local"));
        assertThat(r.jsonPath().getList("matches.id")).containsExactly(web);
        assertThat(r.jsonPath().getList("matches[0].matchedOn")).containsExactly("hostname:web01");
        assertThat(match(Map.of("host", "web02")).jsonPath().getList("matches")).isEmpty();
    }

    @Test
    void shouldMatchExternalIdsAndAnyOfSeveralIdentifiers() {
        assertThat(match(Map.of("externalId", "i-0abc123")).jsonPath().getList("matches.id")).containsExactly(cloud);
        assertThat(match(Map.of("host", "www.acme.example", "externalId", "I-0ABC123")).jsonPath().getList("matches.id"))
                .containsExactlyInAnyOrder(web, cloud);
    }

    @Test
    void shouldRefuseAMatchWithoutOrWithBadIdentifiers() {
        AssetResourceTest.problem(api.officer().get("/api/assets/match"), 400, "validation");
        AssetResourceTest.problem(match(Map.of("ip", "192.168.1")), 400, "validation");
        AssetResourceTest.problem(match(Map.of("ip", "192.168.0.0/16")), 400, "validation");
        AssetResourceTest.problem(match(Map.of("host", "bad host!")), 400, "validation");
    }

    private Response match(Map<String, String> params) {
        return api.as("incident-responder").queryParams(params).get("/api/assets/match");
    }
}
