package org.isms.asset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.isms.testing.TestClock;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The asset API over HTTP against real PostgreSQL, with signed tokens carrying roles and tenant. */
@QuarkusTest
class AssetResourceTest {
    static final String PROBLEM = "application/problem+json";
    final AssetApi api = new AssetApi("res");

    @Test
    void shouldRegisterAssetWithLocationEtagAndDerivedCriticality() {
        String reviewDate = TestClock.current().today(90).toString();
        Map<String, Object> body = AssetApi.with(AssetApi.asset("CRM database"), "type", "INFORMATION",
                "classification", AssetApi.cia(4, 3, 2), "personalData", true, "tags", List.of("pci", "crm", "pci"),
                "identifiers", Map.of("hostnames", List.of("CRM-DB01.acme.local."), "ipAddresses",
                        List.of("10.20.1.15", "10.20.8.0/24", "2001:DB8::/32"), "externalIds", List.of("ARN:aws:rds:crm")),
                "reviewDate", reviewDate, "custodian", "dba-team", "location", "Frankfurt DC");
        Response r = api.register(body);
        String id = r.path("id");

        assertThat(r.header("Location")).endsWith("/api/assets/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"0\"");
        Response got = api.get(id);
        got.then().statusCode(200).header("ETag", "\"0\"")
                .body("name", equalTo("CRM database"))
                .body("status", equalTo("PLANNED"))
                .body("allowedTransitions", equalTo(List.of("IN_USE")))
                .body("criticality", equalTo(4))
                .body("effectiveClassification.confidentiality", equalTo(4))
                .body("personalData", equalTo(true))
                .body("businessCritical", equalTo(false))
                .body("tags", equalTo(List.of("pci", "crm")))
                .body("identifiers.hostnames", equalTo(List.of("crm-db01.acme.local")))
                .body("identifiers.ipAddresses", equalTo(List.of("10.20.1.15", "10.20.8.0/24", "2001:db8::/32")))
                .body("identifiers.externalIds", equalTo(List.of("arn:aws:rds:crm")))
                .body("reviewDate", equalTo(reviewDate))
                .body("createdBy", equalTo("security-officer-user"))
                .body("updatedBy", equalTo("security-officer-user"))
                // and who by stable id (the token's sub), which survives a renamed account
                .body("createdById", equalTo(org.isms.testing.TestTokens.subjectOf("security-officer-user")))
                .body("updatedById", equalTo(org.isms.testing.TestTokens.subjectOf("security-officer-user")))
                .body("version", equalTo(0));
        api.officer().get("/api/assets/" + id + "/history").then().statusCode(200)
                .body("items[0].by", equalTo("security-officer-user"))
                .body("items[0].byId", equalTo(org.isms.testing.TestTokens.subjectOf("security-officer-user")));
    }

    @Test
    void shouldShowAnAssetByIdExactlyAsTheListShowsIt() {
        // the read by id bypasses Hibernate (one SQL statement): every field must come out as the list gives it
        String first = api.registerId(AssetApi.asset("by-id dependency one"));
        String second = api.registerId(AssetApi.asset("by-id dependency two"));
        String id = api.registerId(AssetApi.with(AssetApi.asset("by-id full"), "custodian", "bob", "location", "DC-1",
                "tags", List.of("pci", "prod"), "personalData", true, "businessCritical", true, "status", "IN_USE",
                "identifiers", Map.of("hostnames", List.of("web-01.example.com"), "ipAddresses",
                        List.of("10.1.2.3", "10.9.0.0/16"), "externalIds", List.of("cmdb-42")), "reviewDate", TestClock.current().today(30).toString(),
                "classification", AssetApi.cia(3, 2, 1), "dependsOn", List.of(second, first)));
        Map<String, Object> byId = api.get(id).then().statusCode(200).extract().jsonPath().getMap("");
        List<Map<String, Object>> listed = api.officer().get("/api/assets?q=by-id full").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(listed).hasSize(1);
        assertThat(byId).isEqualTo(listed.get(0));
        assertThat(byId.get("dependsOn")).asList().hasSize(2);
        assertThat(byId).containsEntry("custodian", "bob").containsEntry("personalData", true);
    }

    @Test
    void shouldRegisterInTheGivenInitialStatus() {
        String id = api.registerId(AssetApi.with(AssetApi.asset("running server"), "type", "HARDWARE", "status", "IN_USE"));
        api.get(id).then().body("status", equalTo("IN_USE")).body("allowedTransitions", equalTo(List.of("RETIRED")));
    }

    @Test
    void shouldUpdateWithIfMatchAndRecordWhatChanged() {
        String id = api.registerId(AssetApi.asset("billing"));
        Map<String, Object> body = api.updateBody(id);
        body.put("owner", "bob");
        body.put("tags", List.of("finance"));

        api.officer().header("If-Match", "\"0\"").body(body).put("/api/assets/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("owner", equalTo("bob")).body("version", equalTo(1));

        api.officer().get("/api/assets/" + id + "/history").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].action", equalTo("UPDATED"))
                .body("items[0].version", equalTo(1))
                .body("items[0].by", equalTo("security-officer-user"))
                .body("items[0].changes.owner.from", equalTo("alice"))
                .body("items[0].changes.owner.to", equalTo("bob"))
                .body("items[0].changes.tags.to", equalTo(List.of("finance")))
                .body("items[0].changes.name", equalTo(null))
                .body("items[1].action", equalTo("REGISTERED"));
    }

    @Test
    void shouldTreatAnUnchangedUpdateAsNoChange() {
        String id = api.registerId(AssetApi.asset("steady"));
        String before = api.fingerprint();
        api.officer().header("If-Match", "\"0\"").body(api.updateBody(id)).put("/api/assets/" + id)
                .then().statusCode(200).body("version", equalTo(0));
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseUpdateWithoutOrWithStaleIfMatch() {
        String id = api.registerId(AssetApi.asset("guarded"));
        Map<String, Object> body = AssetApi.with(api.updateBody(id), "owner", "mallory");
        api.officer().header("If-Match", "\"0\"").body(AssetApi.with(body, "owner", "carol")).put("/api/assets/" + id)
                .then().statusCode(200);
        String before = api.fingerprint();

        problem(api.officer().body(body).put("/api/assets/" + id), 428, "precondition-required");
        problem(api.officer().header("If-Match", "\"0\"").body(body).put("/api/assets/" + id), 412, "precondition-failed");
        problem(api.officer().header("If-Match", "*").body(body).put("/api/assets/" + id), 412, "precondition-failed");
        problem(api.officer().body(AssetApi.with(AssetApi.cia(1, 1, 1), "reason", "x"))
                .put("/api/assets/" + id + "/classification"), 428, "precondition-required");
        problem(api.officer().header("If-Match", "\"0\"").body(AssetApi.with(AssetApi.cia(1, 1, 1), "reason", "x"))
                .put("/api/assets/" + id + "/classification"), 412, "precondition-failed");
        problem(api.as("isms-admin").delete("/api/assets/" + id), 428, "precondition-required");
        problem(api.as("isms-admin").header("If-Match", "\"0\"").delete("/api/assets/" + id), 412, "precondition-failed");
        problem(api.officer().header("If-Match", "\"0\"").body(Map.of("to", "IN_USE"))
                .post("/api/assets/" + id + "/transitions"), 412, "precondition-failed");

        assertThat(api.fingerprint()).isEqualTo(before);
        api.get(id).then().body("owner", equalTo("carol"));
    }

    @Test
    void shouldClassifyWithAReasonAndKeepItInTheHistory() {
        String id = api.registerId(AssetApi.asset("hr records"));
        api.classify(id, 2, 3, 1, "reviewed with HR").then().statusCode(200).header("ETag", "\"1\"")
                .body("classification.integrity", equalTo(3))
                .body("classification.availability", equalTo(1))
                .body("effectiveClassification.integrity", equalTo(3))
                .body("criticality", equalTo(3));
        api.officer().get("/api/assets/" + id + "/history").then()
                .body("items[0].action", equalTo("CLASSIFIED"))
                .body("items[0].reason", equalTo("reviewed with HR"))
                .body("items[0].changes.classification.from.integrity", equalTo(2))
                .body("items[0].changes.classification.to.integrity", equalTo(3));
    }

    @Test
    void shouldRefuseClassificationWithoutReasonOrOutOfRange() {
        String id = api.registerId(AssetApi.asset("unclassifiable"));
        String before = api.fingerprint();
        Response r = api.officer().header("If-Match", "\"0\"").body(AssetApi.cia(3, 3, 3))
                .put("/api/assets/" + id + "/classification");
        problem(r, 400, "validation");
        assertThat(r.jsonPath().getList("errors.field", String.class)).contains("reason");
        r = api.officer().header("If-Match", "\"0\"").body(AssetApi.with(AssetApi.cia(5, 0, 2), "reason", "why not"))
                .put("/api/assets/" + id + "/classification");
        problem(r, 400, "validation");
        assertThat(r.jsonPath().getList("errors.field", String.class)).containsExactly("confidentiality", "integrity");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldFollowTheLifecycleAndRefuseOtherTransitions() {
        String id = api.registerId(AssetApi.asset("laptop fleet"));
        String before = api.fingerprint();
        Response refused = api.officer().body(Map.of("to", "RETIRED")).post("/api/assets/" + id + "/transitions");
        problem(refused, 409, "invalid-state-transition");
        assertThat(refused.<String>path("detail")).contains("PLANNED").contains("RETIRED").contains("[IN_USE]");
        assertThat(api.fingerprint()).isEqualTo(before);

        for (String to : List.of("IN_USE", "RETIRED", "DISPOSED")) {
            api.officer().body(Map.of("to", to)).post("/api/assets/" + id + "/transitions")
                    .then().statusCode(200).body("status", equalTo(to));
        }
        String disposed = api.fingerprint();
        problem(api.officer().body(Map.of("to", "IN_USE")).post("/api/assets/" + id + "/transitions"), 409,
                "invalid-state-transition");
        problem(api.officer().body(Map.of("to", "SOLD")).post("/api/assets/" + id + "/transitions"), 400, "validation");
        // a disposed asset's record is kept as it was
        problem(api.officer().header("If-Match", "\"" + api.version(id) + "\"").body(api.updateBody(id))
                .put("/api/assets/" + id), 409, "conflict");
        problem(api.classify(id, 4, 4, 4, "too late"), 409, "conflict");
        assertThat(api.fingerprint()).isEqualTo(disposed);
        api.officer().get("/api/assets/" + id + "/history").then().body("total", equalTo(4))
                .body("items[0].changes.status.from", equalTo("RETIRED"))
                .body("items[0].changes.status.to", equalTo("DISPOSED"));
    }

    @Test
    void shouldDeleteOnlyAsAdminAndKeepTheHistory() {
        String id = api.registerId(AssetApi.asset("obsolete"));
        problem(api.officer().header("If-Match", "\"0\"").delete("/api/assets/" + id), 403, "forbidden");
        api.as("isms-admin").header("If-Match", "\"0\"").delete("/api/assets/" + id).then().statusCode(204);
        problem(api.get(id), 404, "not-found");
        assertThat(AssetApi.query("select string_agg(action, ',' order by changed_at) from asset_change where asset_id = ?",
                java.util.UUID.fromString(id))).isEqualTo("REGISTERED,DELETED");
    }

    @Test
    void shouldRefuseADuplicateNameIgnoringCase() {
        api.registerId(AssetApi.asset("Payroll"));
        String before = api.fingerprint();
        problem(api.officer().body(AssetApi.asset("PAYROLL")).post("/api/assets"), 409, "conflict");
        String other = api.registerId(AssetApi.asset("Payroll 2"));
        problem(api.officer().header("If-Match", "\"0\"").body(AssetApi.with(api.updateBody(other), "name", "payroll"))
                .put("/api/assets/" + other), 409, "conflict");
        assertThat(api.fingerprint()).isNotEqualTo(before); // only "Payroll 2" was added
        assertThat(api.total("?q=payroll")).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "unknown type", "rating out of range", "missing name", "missing classification",
            "malformed json", "unknown field", "bad ip", "ip with host bits", "bad hostname", "wrong json type",
            "empty body" })
    void shouldRefuseBadRegistrationsWithAProblemAndChangeNothing(String kind) {
        Map<String, Object> ok = AssetApi.asset("bad-" + kind.replace(' ', '-'));
        String before = api.fingerprint();
        RequestSpecification req = api.officer();
        Response r = switch (kind) {
            case "unknown type" -> req.body(AssetApi.with(ok, "type", "SPACESHIP")).post("/api/assets");
            case "rating out of range" -> req.body(AssetApi.with(ok, "classification", AssetApi.cia(0, 5, 2))).post("/api/assets");
            case "missing name" -> req.body(AssetApi.with(ok, "name", null)).post("/api/assets");
            case "missing classification" -> req.body(AssetApi.with(ok, "classification", null)).post("/api/assets");
            case "malformed json" -> req.body("{\"name\": \"x\", ").post("/api/assets");
            case "unknown field" -> req.body(AssetApi.with(ok, "colour", "red")).post("/api/assets");
            case "bad ip" -> req.body(AssetApi.with(ok, "identifiers", Map.of("ipAddresses", List.of("10.0.0.300")))).post("/api/assets");
            case "ip with host bits" -> req.body(AssetApi.with(ok, "identifiers", Map.of("ipAddresses", List.of("10.0.0.1/8")))).post("/api/assets");
            case "bad hostname" -> req.body(AssetApi.with(ok, "identifiers", Map.of("hostnames", List.of("web 01")))).post("/api/assets");
            case "wrong json type" -> req.body(AssetApi.with(ok, "personalData", List.of(1))).post("/api/assets");
            case "empty body" -> req.body("").post("/api/assets");
            default -> throw new IllegalArgumentException(kind);
        };
        int status = r.statusCode();
        assertThat(status).as(r.asString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith(PROBLEM);
        assertThat(r.<String>path("detail")).isNotBlank().doesNotContain("org.isms").doesNotContain("Exception");
        switch (kind) {
            case "unknown type" -> assertThat(r.<String>path("detail")).contains("type").contains("SPACESHIP").contains("SOFTWARE");
            case "rating out of range" -> assertThat(r.jsonPath().getList("errors.field", String.class))
                    .containsExactly("classification.confidentiality", "classification.integrity");
            case "missing name" -> assertThat(r.jsonPath().getList("errors.field", String.class)).contains("name");
            case "missing classification" -> assertThat(r.jsonPath().getList("errors.field", String.class)).contains("classification");
            case "bad ip", "ip with host bits" -> assertThat(r.jsonPath().getList("errors.field", String.class))
                    .containsExactly("identifiers.ipAddresses[0]");
            case "bad hostname" -> assertThat(r.jsonPath().getList("errors.field", String.class))
                    .containsExactly("identifiers.hostnames[0]");
            default -> assertThat(r.<Integer>path("status")).isEqualTo(400);
        }
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldFilterSortAndPageTheList() {
        String a = api.registerId(AssetApi.with(AssetApi.asset("alpha app"), "tags", List.of("crown-jewel"),
                "classification", AssetApi.cia(4, 1, 1), "personalData", true));
        String b = api.registerId(AssetApi.with(AssetApi.asset("beta host"), "type", "HARDWARE", "owner", "bob",
                "status", "IN_USE", "identifiers", Map.of("hostnames", List.of("beta01.acme.local"))));
        String c = api.registerId(AssetApi.with(AssetApi.asset("gamma site"), "type", "SITE",
                "description", "Frankfurt_data 100% centre", "classification", AssetApi.cia(1, 1, 3)));

        assertThat(ids("?type=HARDWARE")).containsExactly(b);
        assertThat(ids("?status=IN_USE")).containsExactly(b);
        assertThat(ids("?owner=bob")).containsExactly(b);
        assertThat(ids("?tag=crown-jewel")).containsExactly(a);
        assertThat(ids("?minCriticality=3")).containsExactly(a, c);
        assertThat(ids("?minCriticality=4")).containsExactly(a);
        assertThat(ids("?personalData=true")).containsExactly(a);
        assertThat(ids("?personalData=false")).containsExactly(b, c);
        assertThat(ids("?q=BETA01")).containsExactly(b); // an identifier
        assertThat(ids("?q=frankfurt")).containsExactly(c); // the description
        assertThat(api.officer().queryParam("q", "100%").get("/api/assets").jsonPath().getList("items.id"))
                .containsExactly(c); // % is a character, not a wildcard
        assertThat(ids("?q=a_1")).isEmpty(); // _ too
        assertThat(ids("?type=SITE&minCriticality=3&q=gamma")).containsExactly(c);
        assertThat(ids("?sort=criticality,desc")).containsExactly(a, c, b);
        assertThat(ids("?sort=name,desc")).containsExactly(c, b, a);

        api.officer().get("/api/assets?size=2&page=1&sort=name").then().statusCode(200)
                .body("total", equalTo(3)).body("totalPages", equalTo(2)).body("page", equalTo(1))
                .body("size", equalTo(2)).body("items.id", equalTo(List.of(c)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "size=201", "size=0", "page=-1", "sort=secret", "sort=name,sideways", "type=SPACESHIP",
            "status=LOST", "minCriticality=5", "personalData=maybe" })
    void shouldRefuseBadListParameters(String query) {
        Response r = api.officer().get("/api/assets?" + query);
        problem(r, 400, "validation");
        assertThat(r.jsonPath().getList("errors.field", String.class)).containsExactly(query.substring(0, query.indexOf('=')));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/assets/match?externalId=%00:externalId", "/api/assets/export?tag=%00:tag",
            "/api/assets?q=a%00b:q", "/api/assets/%00:path", "/api/assets?owner=x&sort=name%00:sort" })
    void shouldRefuseANulCharacterInAQueryOrPathNamingIt(String example) {
        // PostgreSQL refuses U+0000 in text: without the check these were 500s
        String path = example.substring(0, example.lastIndexOf(':'));
        String field = example.substring(example.lastIndexOf(':') + 1);
        Response r = api.officer().urlEncodingEnabled(false).get(path);
        problem(r, 400, "validation");
        assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo(field);
    }

    @Test
    void shouldRefuseANulCharacterInAJsonStringNamingTheField() {
        String before = api.fingerprint();
        Response r = api.officer().body(AssetApi.with(AssetApi.asset("fine"), "description", "bad\u0000byte",
                "tags", List.of("ok", "nul\u0000tag"))).post("/api/assets");
        problem(r, 400, "validation");
        assertThat(r.jsonPath().getString("errors[0].field")).isIn("description", "tags[1]");
        assertThat(r.jsonPath().getString("errors[0].message")).contains("NUL");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldHideOtherTenantsAssets() {
        String id = api.registerId(AssetApi.with(AssetApi.asset("acme secret"), "identifiers",
                Map.of("hostnames", List.of("secret01"), "ipAddresses", List.of("10.99.0.0/16"))));
        AssetApi globex = new AssetApi("globex");
        String before = api.fingerprint();
        String path = "/api/assets/" + id;

        problem(globex.as("isms-admin").get(path), 404, "not-found");
        problem(globex.as("isms-admin").get(path + "/history"), 404, "not-found");
        problem(globex.as("isms-admin").get(path + "/dependencies"), 404, "not-found");
        problem(globex.as("isms-admin").header("If-Match", "\"0\"").body(api.updateBody(id)).put(path), 404, "not-found");
        problem(globex.as("isms-admin").header("If-Match", "\"0\"").body(AssetApi.with(AssetApi.cia(1, 1, 1), "reason", "x"))
                .put(path + "/classification"), 404, "not-found");
        problem(globex.as("isms-admin").body(Map.of("to", "IN_USE")).post(path + "/transitions"), 404, "not-found");
        problem(globex.as("isms-admin").header("If-Match", "\"0\"").delete(path), 404, "not-found");
        // nor can it be depended on from another tenant
        Response dep = globex.as("isms-admin").body(AssetApi.with(AssetApi.asset("globex app"), "dependsOn", List.of(id)))
                .post("/api/assets");
        problem(dep, 400, "validation");
        assertThat(dep.<String>path("detail")).contains("no asset " + id);
        globex.as("isms-admin").get("/api/assets?q=acme").then().statusCode(200).body("total", equalTo(0));
        globex.as("isms-admin").get("/api/assets/match?host=secret01&ip=10.99.1.1").then().statusCode(200)
                .body("matches.size()", equalTo(0));
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldAnswerAnUnknownIdWith404() {
        problem(api.officer().get("/api/assets/" + java.util.UUID.randomUUID()), 404, "not-found");
    }

    /** Who may do what: readers read, writers write, only admins delete; no token 401, no tenant 403. */
    @Test
    void shouldEnforceTheRoleMatrix() {
        String id = api.registerId(AssetApi.asset("role target"));
        List<String> readers = List.of("viewer", "auditor", "incident-responder", "risk-owner", "security-officer",
                "isms-admin");
        List<String> writers = List.of("risk-owner", "security-officer", "isms-admin");
        List<String> all = List.of("viewer", "auditor", "incident-responder", "risk-owner", "security-officer",
                "isms-admin", "siem-ingest");
        Map<String, Function<RequestSpecification, Response>> reads = Map.of(
                "get", s -> s.get("/api/assets/" + id),
                "list", s -> s.get("/api/assets"),
                "history", s -> s.get("/api/assets/" + id + "/history"),
                "dependencies", s -> s.get("/api/assets/" + id + "/dependencies"),
                "match", s -> s.get("/api/assets/match?host=nothing.example"),
                "export", s -> s.accept("text/csv").get("/api/assets/export"));
        for (String role : all) {
            for (var read : reads.entrySet()) {
                int status = read.getValue().apply(api.as(role)).statusCode();
                assertThat(status).as(role + " " + read.getKey()).isEqualTo(readers.contains(role) ? 200 : 403);
            }
            String name = "by-" + role;
            int created = api.as(role).body(AssetApi.asset(name)).post("/api/assets").statusCode();
            assertThat(created).as(role + " register").isEqualTo(writers.contains(role) ? 201 : 403);
            int updated = api.as(role).header("If-Match", "\"" + api.version(id) + "\"")
                    .body(AssetApi.with(api.updateBody(id), "description", "edited by " + role)).put("/api/assets/" + id)
                    .statusCode();
            assertThat(updated).as(role + " update").isEqualTo(writers.contains(role) ? 200 : 403);
            int classified = api.as(role).header("If-Match", "\"" + api.version(id) + "\"")
                    .body(AssetApi.with(AssetApi.cia(2, 2, writers.indexOf(role) + 2), "reason", "by " + role))
                    .put("/api/assets/" + id + "/classification").statusCode();
            assertThat(classified).as(role + " classify").isEqualTo(writers.contains(role) ? 200 : 403);
            int imported = given().auth().oauth2(api.token(role)).contentType("text/csv")
                    .body("name,type,owner,confidentiality,integrity,availability\nimp-" + role + ",SITE,x,1,1,1\n")
                    .post("/api/assets/import").statusCode();
            assertThat(imported).as(role + " import").isEqualTo(writers.contains(role) ? 200 : 403);
        }
        String target = api.registerId(AssetApi.asset("deletable"));
        for (String role : all) {
            int status = api.as(role).header("If-Match", "\"0\"").delete("/api/assets/" + target).statusCode();
            assertThat(status).as(role + " delete").isEqualTo(role.equals("isms-admin") ? 204 : 403);
            if (role.equals("isms-admin")) {
                break;
            }
        }
        int transitioned = api.as("viewer").body(Map.of("to", "IN_USE")).post("/api/assets/" + id + "/transitions")
                .statusCode();
        assertThat(transitioned).isEqualTo(403);
        api.as("risk-owner").body(Map.of("to", "IN_USE")).post("/api/assets/" + id + "/transitions").then().statusCode(200);
    }

    @Test
    void shouldRefuseCallsWithoutAValidTokenOrTenant() {
        problem(given().get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("old", "viewer").expired(java.time.Duration.ofMinutes(5)).sign())
                .get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("anon", "viewer").unsigned()).get("/api/assets"), 401, "unauthorized");
        problem(given().auth().oauth2(TestTokens.user("nobody", "isms-admin").tenant(null).sign()).get("/api/assets"), 403,
                "no-tenant");
    }

    @Test
    void shouldDescribeEveryOperationInOpenApiWithItsProblemAnswers() {
        Response doc = given().accept("application/json").get("/q/openapi?format=json");
        doc.then().statusCode(200);
        List<String> ids = doc.jsonPath().getList("paths.collect { p -> p.value.collect { m -> m.value.operationId } }.flatten()");
        assertThat(ids).contains("registerAsset", "getAsset", "listAssets", "updateAsset", "deleteAsset", "classifyAsset",
                "transitionAsset", "getAssetDependencies", "getAssetHistory", "matchAssets", "exportAssets", "importAssets");
        assertThat(doc.jsonPath().getString("paths.'/api/assets/{id}'.put.responses.'412'.content.'application/problem+json'"))
                .isNotNull();
    }

    static void problem(Response r, int status, String kind) {
        r.then().statusCode(status).contentType(startsWith(PROBLEM)).body("type", equalTo("urn:isms:problem:" + kind))
                .body("status", equalTo(status)).body("title", org.hamcrest.Matchers.notNullValue());
    }

    private List<String> ids(String query) {
        return api.officer().get("/api/assets" + query + (query.contains("sort=") ? "" : "&sort=name"))
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }
}
