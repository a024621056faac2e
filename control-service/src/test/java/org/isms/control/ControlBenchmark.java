package org.isms.control;

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
import java.util.Random;
import java.util.function.IntFunction;
import org.isms.testing.Latency;
import org.isms.testing.SharedServers;
import org.isms.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code ./isms bench control-service}), never in the normal test run: a tenant with every Annex A control
 * decided, 5,000 live risks calling for one to three controls each and 20,000 pieces of evidence; prints the latency
 * of the SoA, filtered control lists and one control over HTTP, one request at a time, and how long the XLSX and PDF
 * exports take. Printed, not asserted: our machines are shared and noisy.
 */
@QuarkusTest
class ControlBenchmark {
    static final int RISKS = Integer.getInteger("bench.risks", 5_000);
    static final int EVIDENCE = Integer.getInteger("bench.evidence", 20_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 100);
    static final int REQUESTS = Integer.getInteger("bench.requests", 500);
    static final String[] THEMES = { "ORGANIZATIONAL", "PEOPLE", "PHYSICAL", "TECHNOLOGICAL" };

    @TestHTTPResource("/api")
    URL api;

    final ControlApi controls = new ControlApi("bench");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Random random = new Random(42);
    private String token;
    private long tokenAt;

    @Test
    void soaAndControlLists() throws Exception {
        long t0 = System.nanoTime();
        seed();
        System.out.printf(Locale.ROOT, "%n== control-service benchmark: 93 controls, %,d risks, %,d evidence, seeded in"
                + " %.1f s%n", RISKS, EVIDENCE, (System.nanoTime() - t0) / 1e9);
        List<String> results = new ArrayList<>();
        results.add(measure("soa: the whole statement (93 controls with risks and evidence)", i -> "/soa"));
        results.add(measure("controls: theme, page of 50", i -> "/controls?size=50&theme=" + THEMES[random.nextInt(4)]));
        results.add(measure("controls: missingEvidence=true", i -> "/controls?missingEvidence=true&size=50"));
        results.add(measure("controls: attribute + status", i -> "/controls?attribute=DETECTIVE&status=IMPLEMENTED"));
        results.add(measure("controls: q", i -> "/controls?q=access"));
        results.add(measure("control: one by id", i -> "/controls/" + (5 + random.nextInt(4)) + ".1"));
        results.add(measure("evidence: of one control, page of 20", i -> "/evidence?controlId=8." + (1 + random.nextInt(34))));
        System.out.println();
        results.forEach(System.out::println);
        for (String format : List.of("xlsx", "pdf", "oscal", "csv")) {
            long best = Long.MAX_VALUE;
            int size = 0;
            for (int k = 0; k < 5; k++) {
                long t = System.nanoTime();
                size = get("/soa/export?format=" + format).length;
                best = Math.min(best, System.nanoTime() - t);
            }
            System.out.printf(Locale.ROOT, "export %-5s: best of 5 %.0f ms, %,d bytes%n", format, best / 1e6, size);
        }
        System.out.printf(Locale.ROOT, "(%d warm-up and %d measured requests each, sequential, one client; JVM %s, %d"
                + " cores)%n%n", WARMUP, REQUESTS, Runtime.version(), Runtime.getRuntime().availableProcessors());
    }

    private String measure(String name, IntFunction<String> path) throws Exception {
        Latency.Result r = Latency.measure(name, WARMUP, REQUESTS, () -> new String(get(path.apply(0))),
                body -> body.contains("\"total\"") || body.contains("\"controlId\"") || body.contains("\"id\""));
        System.out.println(r.line());
        assertThat(r.found()).as(name + ": requests that found something").isPositive();
        return r.line();
    }

    private byte[] get(String path) throws Exception {
        if (token == null || System.nanoTime() - tokenAt > 60_000_000_000L) {
            token = TestTokens.user("victor", "viewer").tenant(controls.tenant).sign();
            tokenAt = System.nanoTime();
        }
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization",
                "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return r.body();
    }

    /** Implementations of every Annex A control, live risks calling for them, evidence for them; in SQL. */
    private void seed() throws Exception {
        try (Connection c = SharedServers.postgres().connect("isms_test"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            String ids = "(select array_agg(id) from (select t || '.' || n as id from (values (5, 37), (6, 8), (7, 14),"
                    + " (8, 34)) v(t, m), generate_series(1, v.m) n) x)";
            try (PreparedStatement p = c.prepareStatement("""
                    insert into control_implementation (tenant_id, control_id, applicable, justification, status, owner,
                        effectiveness, created_at, updated_at, version)
                    select ?, id, k % 10 <> 0, 'benchmark decision ' || k,
                           (array['NOT_STARTED','PLANNED','PARTIAL','IMPLEMENTED'])[1 + k % 4], 'owner-' || (k % 7),
                           (array['NOT_ASSESSED','EFFECTIVE','PARTIALLY_EFFECTIVE','INEFFECTIVE'])[1 + k % 4],
                           now(), now(), 0
                      from unnest(""" + ids + ") with ordinality u(id, k)")) {
                p.setString(1, controls.tenant);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    with a as (select """ + ids + """
                     as ids)
                    insert into risk_link (tenant_id, risk_id, title, status, control_ids, deleted, risk_version,
                        last_event_id, last_event_at)
                    select ?, gen_random_uuid(), 'risk ' || n, 'TREATMENT_PLANNED',
                           (array[a.ids[1 + n % 93], a.ids[1 + (n * 7) % 93], a.ids[1 + (n * 13) % 93]])[1:1 + n % 3],
                           false, 1, 'bench', now()
                      from a, generate_series(1, ?) n""")) {
                p.setString(1, controls.tenant);
                p.setInt(2, RISKS);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    with a as (select """ + ids + """
                     as ids)
                    insert into evidence (tenant_id, id, title, kind, url, control_ids, valid_from, expires_at, revision,
                        created_at, updated_at, version)
                    select ?, gen_random_uuid(), 'evidence ' || n, 'LINK', 'https://evidence.example.com/' || n,
                           array[a.ids[1 + n % 93]]::varchar[], current_date - 400, current_date + (n % 500) - 100, 0,
                           now(), now(), 0
                      from a, generate_series(1, ?) n""")) {
                p.setString(1, controls.tenant);
                p.setInt(2, EVIDENCE);
                p.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
            s.execute("vacuum analyze control_implementation");
            s.execute("vacuum analyze risk_link");
            s.execute("vacuum analyze evidence");
        }
    }
}
