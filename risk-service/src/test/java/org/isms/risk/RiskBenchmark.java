package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.isms.testing.Latency;
import org.isms.testing.SharedServers;
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code ./isms bench risk-service}), never in the normal test run: seeds a register of
 * 100,000 risks on 10,000 assets and prints the latency of filtered list queries, the heat map and a
 * single GET over HTTP, one request at a time, and how long a methodology change takes to re-rate the
 * whole register. Printed, not asserted: our machines are shared and noisy.
 */
@QuarkusTest
class RiskBenchmark {
    static final int RISKS = Integer.getInteger("bench.risks", 100_000);
    static final int ASSETS = Integer.getInteger("bench.assets", 10_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 200);
    static final int REQUESTS = Integer.getInteger("bench.requests", 1_000);
    static final String[] LEVELS = { "LOW", "MEDIUM", "HIGH", "CRITICAL" };

    @TestHTTPResource("/api/risks")
    URL risks;

    final RiskApi api = new RiskApi("bench");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Random random = new Random(42);

    @Test
    void registerQueriesAndReRating() throws Exception {
        long t0 = System.nanoTime();
        List<String> assetIds = seed();
        System.out.printf(Locale.ROOT, "%n== risk-service benchmark: %,d risks on %,d assets, seeded in %.1f s%n", RISKS,
                ASSETS, (System.nanoTime() - t0) / 1e9);
        String oneId = RiskApi.query("select id::text from risk where tenant_id = ? limit 1", api.tenant);

        List<String> results = new ArrayList<>();
        results.add(measure("list: level + status, sorted by residual score desc, page of 50",
                i -> "?level=" + LEVELS[random.nextInt(4)] + "&status=ASSESSED&sort=residualScore,desc&size=50"));
        results.add(measure("list: assetId (risks on one asset)",
                i -> "?assetId=" + assetIds.get(random.nextInt(assetIds.size()))));
        results.add(measure("list: owner + aboveAppetite + reviewRequired, page of 50",
                i -> "?owner=owner-" + random.nextInt(40) + "&aboveAppetite=true&reviewRequired=" + random.nextBoolean()));
        results.add(measure("list: q (text in title/description), page of 20",
                i -> "?q=scenario " + random.nextInt(RISKS) / 10));
        results.add(measure("list: overdue reviews, page of 50", i -> "?overdue=true&size=50"));
        results.add(measure("list: status, sorted by title, one of the first 20 pages of 50",
                i -> "?status=TREATMENT_PLANNED&sort=title&size=50&page=" + random.nextInt(20)));
        results.add(measure("heatmap: whole register, inherent and residual", i -> "/heatmap"));
        results.add(measure("get: one risk by id", i -> "/" + oneId));
        System.out.println();
        results.forEach(System.out::println);

        Map<String, Object> body = new java.util.LinkedHashMap<>(api.viewer().get("/api/risk-methodology").jsonPath().getMap(""));
        body.keySet().retainAll(List.of("likelihood", "impact", "matrix", "appetite", "reviewIntervalDays"));
        body.put("appetite", "LOW");
        long t1 = System.nanoTime();
        HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(risks.toString()
                .replace("/api/risks", "/api/risk-methodology"))).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + api.token("ada", "isms-admin")).header("If-Match", "\"0\"")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        double seconds = (System.nanoTime() - t1) / 1e9;
        long moved = Long.parseLong(RiskApi.query("select count(*) from outbox where tenant_id = ? and event_type ="
                + " 'isms.risk.assessed.v1'", api.tenant));
        System.out.printf(Locale.ROOT, "methodology change (appetite MEDIUM → LOW): %,d risks re-rated, %,d events, %.2f s%n",
                RISKS, moved, seconds);
        System.out.printf(Locale.ROOT, "(%d warm-up and %d measured requests each, sequential, one client; JVM %s, %d cores)%n%n",
                WARMUP, REQUESTS, Runtime.version(), Runtime.getRuntime().availableProcessors());
        assertThat(moved).isPositive();
    }

    private String viewerToken;
    private long viewerTokenAt;

    /** The viewer's token, minted again every minute: a whole run outlasts one (the heat map alone takes minutes). */
    private String viewerToken() {
        if (viewerToken == null || System.nanoTime() - viewerTokenAt > 60_000_000_000L) {
            viewerToken = api.token("victor", "viewer");
            viewerTokenAt = System.nanoTime();
        }
        return viewerToken;
    }

    private String measure(String name, IntFunction<String> query) throws Exception {
        Latency.Result r = Latency.measure(name, WARMUP, REQUESTS, () -> call(viewerToken(), query.apply(0)), body -> body.contains("\"id\"") || body.contains("\"cells\""));
        System.out.println(r.line()); // as it comes: a later failure does not lose it
        assertThat(r.found()).as(name + ": requests that found risks").isPositive();
        return r.line();
    }

    private String call(String token, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(risks + query.replace(" ", "%20")))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Assets into the projection and risks into the register, in SQL; the asset ids. */
    private List<String> seed() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < ASSETS; k++) {
            ids.add(null);
        }
        try (Connection c = SharedServers.postgres().connect("isms_test"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("""
                    insert into asset_projection (asset_id, tenant_id, name, type, owner, status, confidentiality,
                        integrity, availability, deleted, revision, last_event_id, last_event_at)
                    select gen_random_uuid(), ?, 'asset-' || n, 'SOFTWARE', 'owner-' || (n % 40), 'IN_USE',
                           1 + n % 4, 1 + (n / 4) % 4, 1 + (n / 16) % 4, false, 1, 'bench', now()
                      from generate_series(1, ?) n""")) {
                p.setString(1, api.tenant);
                p.setInt(2, ASSETS);
                p.executeUpdate();
            }
            // levels as the default 5x5 matrix gives them, so that the register is consistent
            try (PreparedStatement p = c.prepareStatement("""
                    with a as (select asset_id, row_number() over (order by asset_id) as k from asset_projection
                                where tenant_id = ?),
                         m(l, i, lvl) as (select l, i, (array[
                            'LOW','LOW','LOW','MEDIUM','MEDIUM', 'LOW','LOW','MEDIUM','MEDIUM','HIGH',
                            'LOW','MEDIUM','MEDIUM','HIGH','HIGH', 'MEDIUM','MEDIUM','HIGH','HIGH','CRITICAL',
                            'MEDIUM','HIGH','HIGH','CRITICAL','CRITICAL'])[(l - 1) * 5 + i]
                            from generate_series(1, 5) l, generate_series(1, 5) i)
                    insert into risk (id, tenant_id, title, description, asset_ids, owner, cia, inherent_likelihood,
                        inherent_impact, inherent_score, inherent_level, control_ids, residual_likelihood, residual_impact,
                        residual_score, residual_level, level, above_appetite, methodology_version, status,
                        review_required, review_reasons, next_review_due, created_by, created_at, updated_by,
                        updated_at, version)
                    select gen_random_uuid(), ?, 'risk ' || n, 'scenario ' || (n / 10) || ' of the benchmark',
                           array[a.asset_id::text]::varchar[], 'owner-' || (n % 40),
                           array['C']::varchar[], g.l, g.i, g.l * g.i, mi.lvl, array[]::varchar[], g.rl, g.ri,
                           g.rl * g.ri, mr.lvl, mr.lvl, mr.lvl in ('HIGH', 'CRITICAL'), 0,
                           (array['IDENTIFIED','ASSESSED','ASSESSED','TREATMENT_PLANNED','ACCEPTED'])[1 + n % 5],
                           n % 7 = 0, '[]'::jsonb, current_date + (n % 400) - 30, 'bench', now(), 'bench', now(), 0
                      from (select n, 1 + n % 5 as l, 1 + (n / 5) % 5 as i, 1 + n % 4 as rl, 1 + (n / 4) % 4 as ri
                              from generate_series(1, ?) n) g
                      join a on a.k = 1 + g.n % ?
                      join m mi on mi.l = g.l and mi.i = g.i
                      join m mr on mr.l = g.rl and mr.i = g.ri""")) {
                p.setString(1, api.tenant);
                p.setString(2, api.tenant);
                p.setInt(3, RISKS);
                p.setInt(4, ASSETS);
                p.executeUpdate();
            }
            c.commit();
            // a register in use has been vacuumed (autovacuum does so within a minute of a bulk load): without it
            // every count(*) total reads the heap, since the visibility map is not set yet
            c.setAutoCommit(true);
            s.execute("vacuum analyze risk");
            s.execute("vacuum analyze asset_projection");
        }
        String all = RiskApi.query("select string_agg(asset_id::text, ',') from asset_projection where tenant_id = ?",
                api.tenant);
        return List.of(all.split(","));
    }
}
