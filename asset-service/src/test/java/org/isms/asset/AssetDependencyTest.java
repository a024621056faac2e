package org.isms.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dependency graph: cycles refused, protection needs flowing down by the maximum principle,
 * each asset whose effective ratings move getting its own history entry and classified event.
 */
@QuarkusTest
class AssetDependencyTest {
    final AssetApi api = new AssetApi("graph");

    /** app → server → site, all rated 1 at first. */
    String[] chain(String prefix) {
        String site = api.registerId(AssetApi.with(AssetApi.asset(prefix + " site"), "type", "SITE",
                "classification", AssetApi.cia(1, 1, 1)));
        String server = api.registerId(AssetApi.with(AssetApi.asset(prefix + " server"), "type", "HARDWARE",
                "classification", AssetApi.cia(1, 1, 1), "dependsOn", List.of(site)));
        String app = api.registerId(AssetApi.with(AssetApi.asset(prefix + " app"), "classification",
                AssetApi.cia(1, 1, 1), "dependsOn", List.of(server)));
        return new String[] { app, server, site };
    }

    @Test
    void shouldRaiseAndLowerSupportingAssetsByTheMaximumPrinciple() {
        String[] c = chain("max");
        String app = c[0], server = c[1], site = c[2];

        api.classify(app, 4, 2, 1, "holds card data").then().statusCode(200);
        assertThat(api.effective(server)).containsExactly(4, 2, 1);
        assertThat(api.effective(site)).containsExactly(4, 2, 1);
        api.get(site).then().body("classification.confidentiality", equalTo(1)).body("criticality", equalTo(4));

        // the server's own availability need is higher still: it shows on the site, not on the app
        api.classify(server, 1, 1, 3, "clustered").then().statusCode(200).body("effectiveClassification.confidentiality", equalTo(4));
        assertThat(api.effective(site)).containsExactly(4, 2, 3);
        assertThat(api.effective(app)).containsExactly(4, 2, 1);

        // lowering the app lowers what it alone raised
        api.classify(app, 1, 1, 1, "card data moved out").then().statusCode(200);
        assertThat(api.effective(server)).containsExactly(1, 1, 3);
        assertThat(api.effective(site)).containsExactly(1, 1, 3);

        // the site's history says why it moved, and which asset caused it
        Response history = api.officer().get("/api/assets/" + site + "/history");
        history.then().body("items[0].action", equalTo("EFFECTIVE_CLASSIFICATION_CHANGED"))
                .body("items[0].cause", equalTo(app))
                .body("items[0].changes.effective.from.confidentiality", equalTo(4))
                .body("items[0].changes.effective.to.confidentiality", equalTo(1));
        assertThat(history.jsonPath().getList("items.action")).containsExactly("EFFECTIVE_CLASSIFICATION_CHANGED",
                "EFFECTIVE_CLASSIFICATION_CHANGED", "EFFECTIVE_CLASSIFICATION_CHANGED", "REGISTERED");
    }

    @Test
    void shouldWriteOneClassifiedEventPerAssetWhoseRatingsMoved() {
        String[] c = chain("events");
        String app = c[0], server = c[1], site = c[2];
        String other = api.registerId(AssetApi.asset("events bystander"));

        api.classify(app, 3, 1, 1, "more sensitive").then().statusCode(200);

        assertThat(classifiedEvents(app)).isEqualTo("1:null");
        assertThat(classifiedEvents(server)).isEqualTo("1:" + app);
        assertThat(classifiedEvents(site)).isEqualTo("1:" + app);
        assertThat(classifiedEvents(other)).isEqualTo("0:null");
        assertThat(AssetApi.query("select payload->'effective'->>'confidentiality' || '/' || (payload->'previousEffective'->>'confidentiality')"
                + " || '/' || (payload->'current'->>'confidentiality') from outbox where aggregate_id = ? and event_type = 'isms.asset.classified.v1'",
                site)).isEqualTo("3/1/1");
    }

    @Test
    void shouldShowWhatAnAssetDependsOnAndWhatDependsOnItTransitively() {
        String[] c = chain("view");
        String app = c[0], server = c[1], site = c[2];
        String api2 = api.registerId(AssetApi.with(AssetApi.asset("view api"), "dependsOn", List.of(server)));

        Response r = api.officer().get("/api/assets/" + server + "/dependencies");
        r.then().statusCode(200).body("asset.id", equalTo(server)).body("asset.depth", equalTo(0))
                .body("dependsOn.id", equalTo(List.of(site))).body("dependsOn.depth", equalTo(List.of(1)));
        assertThat(r.jsonPath().getList("dependents.id")).containsExactlyInAnyOrder(app, api2);

        Response fromSite = api.officer().get("/api/assets/" + site + "/dependencies");
        assertThat(fromSite.jsonPath().getList("dependsOn")).isEmpty();
        assertThat(fromSite.jsonPath().getList("dependents.id")).containsExactlyInAnyOrder(server, app, api2);
        assertThat(fromSite.jsonPath().getInt("dependents.find { it.id == '" + app + "' }.depth")).isEqualTo(2);
        // "view api" (rated 2) depends on the server: the server's effective ratings show it
        assertThat(fromSite.jsonPath().getInt("dependents.find { it.id == '" + server + "' }.effectiveClassification.confidentiality"))
                .isEqualTo(2);
    }

    @Test
    void shouldRefuseCyclesAndChangeNothing() {
        String[] c = chain("cycle");
        String app = c[0], server = c[1], site = c[2];
        String before = api.fingerprint();

        Response direct = api.setDependsOn(server, site, app);
        AssetResourceTest.problem(direct, 409, "conflict");
        assertThat(direct.<String>path("detail")).contains("cycle").contains("cycle app");
        AssetResourceTest.problem(api.setDependsOn(site, app), 409, "conflict"); // through the server
        AssetResourceTest.problem(api.setDependsOn(site, site), 409, "conflict"); // itself

        assertThat(api.fingerprint()).isEqualTo(before);
        api.get(site).then().body("dependsOn.size()", equalTo(0));
    }

    @Test
    void shouldRefuseUnknownOrDisposedDependencies() {
        String unknown = UUID.randomUUID().toString();
        String before = api.fingerprint();
        Response r = api.officer().body(AssetApi.with(AssetApi.asset("dangling"), "dependsOn", List.of(unknown)))
                .post("/api/assets");
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.jsonPath().getList("errors.field")).containsExactly("dependsOn[0]");
        AssetResourceTest.problem(api.officer().body(AssetApi.with(AssetApi.asset("dangling"), "dependsOn",
                List.of("not-a-uuid"))).post("/api/assets"), 400, "validation");
        assertThat(api.fingerprint()).isEqualTo(before);

        String gone = api.registerId(AssetApi.with(AssetApi.asset("gone"), "status", "DISPOSED"));
        String disposedBefore = api.fingerprint();
        AssetResourceTest.problem(api.officer().body(AssetApi.with(AssetApi.asset("on gone"), "dependsOn", List.of(gone)))
                .post("/api/assets"), 409, "conflict");
        assertThat(api.fingerprint()).isEqualTo(disposedBefore);
    }

    @Test
    void shouldRefuseDeletingAnAssetOthersDependOnAndLowerSupportersWhenADependentGoes() {
        String[] c = chain("delete");
        String app = c[0], server = c[1], site = c[2];
        api.classify(app, 4, 4, 4, "crown jewel").then().statusCode(200);
        String before = api.fingerprint();

        Response refused = api.as("isms-admin").header("If-Match", "\"" + api.version(server) + "\"")
                .delete("/api/assets/" + server);
        AssetResourceTest.problem(refused, 409, "conflict");
        assertThat(refused.<String>path("detail")).contains("delete app");
        assertThat(api.fingerprint()).isEqualTo(before);

        api.as("isms-admin").header("If-Match", "\"" + api.version(app) + "\"").delete("/api/assets/" + app)
                .then().statusCode(204);
        assertThat(api.effective(server)).containsExactly(1, 1, 1);
        assertThat(api.effective(site)).containsExactly(1, 1, 1);
        api.get(server).then().body("criticality", equalTo(1));
    }

    @Test
    void shouldRecomputeWhenDependenciesChange() {
        String crown = api.registerId(AssetApi.with(AssetApi.asset("rewire crown"), "classification", AssetApi.cia(4, 4, 1)));
        String a = api.registerId(AssetApi.asset("rewire host a"));
        String b = api.registerId(AssetApi.asset("rewire host b"));

        api.setDependsOn(crown, a).then().statusCode(200).body("dependsOn", equalTo(List.of(a)));
        assertThat(api.effective(a)).containsExactly(4, 4, 2);
        api.setDependsOn(crown, b).then().statusCode(200);
        assertThat(api.effective(a)).containsExactly(2, 2, 2);
        assertThat(api.effective(b)).containsExactly(4, 4, 2);
        api.officer().get("/api/assets/" + crown + "/history").then()
                .body("items[0].action", equalTo("DEPENDENCIES_CHANGED"))
                .body("items[0].changes.dependsOn.from", equalTo(List.of(a)))
                .body("items[0].changes.dependsOn.to", equalTo(List.of(b)));
        assertThat(AssetApi.query("select count(*) from outbox where aggregate_id = ? and event_type = "
                + "'isms.asset.dependencies-changed.v1'", crown)).isEqualTo("2");
    }

    @Test
    void shouldNeverLetTwoConcurrentWritersCloseACycle() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String a = api.registerId(AssetApi.asset("race a" + round));
                String b = api.registerId(AssetApi.asset("race b" + round));
                Map<String, Object> aBody = AssetApi.with(api.updateBody(a), "dependsOn", List.of(b));
                Map<String, Object> bBody = AssetApi.with(api.updateBody(b), "dependsOn", List.of(a));
                var start = new java.util.concurrent.CountDownLatch(1);
                var first = pool.submit(() -> {
                    start.await();
                    return api.officer().header("If-Match", "\"0\"").body(aBody).put("/api/assets/" + a).statusCode();
                });
                var second = pool.submit(() -> {
                    start.await();
                    return api.officer().header("If-Match", "\"0\"").body(bBody).put("/api/assets/" + b).statusCode();
                });
                start.countDown();
                assertThat(List.of(first.get(), second.get())).as("round " + round).containsExactlyInAnyOrder(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(AssetApi.query("select count(*) from asset_dependency x join asset_dependency y"
                + " on x.asset_id = y.depends_on_id and x.depends_on_id = y.asset_id where x.tenant_id = ?", api.tenant))
                .isEqualTo("0");
    }

    /**
     * Reclassifications run side by side, so two that share a supporting asset must still leave it at the maximum
     * of both: each locks what it reaches, and the second recomputes the shared server after the first committed.
     * Unrelated ones (the third app) do not wait for them.
     */
    @Test
    void shouldKeepTheMaximumPrincipleWhenAssetsSharingASupportAreReclassifiedAtOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            String server = api.registerId(AssetApi.with(AssetApi.asset("shared server"), "type", "HARDWARE",
                    "classification", AssetApi.cia(1, 1, 1)));
            String one = api.registerId(AssetApi.with(AssetApi.asset("shared app one"), "classification",
                    AssetApi.cia(1, 1, 1), "dependsOn", List.of(server)));
            String two = api.registerId(AssetApi.with(AssetApi.asset("shared app two"), "classification",
                    AssetApi.cia(1, 1, 1), "dependsOn", List.of(server)));
            String alone = api.registerId(AssetApi.asset("unrelated app"));
            for (int round = 0; round < 6; round++) {
                int c = 1 + round % 4, i = 4 - round % 4;
                var start = new java.util.concurrent.CountDownLatch(1);
                var first = pool.submit(() -> {
                    start.await();
                    return api.classify(one, c, 1, 1, "round").statusCode();
                });
                var second = pool.submit(() -> {
                    start.await();
                    return api.classify(two, 1, i, 1, "round").statusCode();
                });
                var third = pool.submit(() -> {
                    start.await();
                    return api.classify(alone, c, i, 2, "round").statusCode();
                });
                start.countDown();
                assertThat(List.of(first.get(), second.get(), third.get())).as("round " + round)
                        .containsExactly(200, 200, 200);
                assertThat(api.effective(server)).as("round " + round).containsExactly(c, i, 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** "count:cause" of the classified events in the outbox for this asset. */
    private static String classifiedEvents(String id) {
        return AssetApi.query("select count(*) || ':' || coalesce(max(payload->>'cause'), 'null') from outbox"
                + " where aggregate_id = ? and event_type = 'isms.asset.classified.v1'", id);
    }
}
