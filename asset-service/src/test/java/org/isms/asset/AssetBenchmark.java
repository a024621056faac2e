package org.isms.asset;

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
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code ./isms bench asset-service}), never in the normal test run: seeds 100,000 assets
 * into one tenant (next to 20,000 of another) and prints the latency of a filtered, paged list query,
 * a free-text list query and {@code match} lookups, measured over HTTP one request at a time. The
 * figures are printed, not asserted: our machines are shared and noisy.
 */
@QuarkusTest
class AssetBenchmark {
    static final int ASSETS = Integer.getInteger("bench.assets", 100_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    static final int REQUESTS = Integer.getInteger("bench.requests", 2_000);
    static final String[] TYPES = { "INFORMATION", "SOFTWARE", "HARDWARE", "SERVICE", "PEOPLE", "SITE", "SUPPLIER" };
    static final String[] STATUSES = { "PLANNED", "IN_USE", "RETIRED", "DISPOSED" };

    @TestHTTPResource("/api/assets")
    URL assets;

    final AssetApi api = new AssetApi("bench");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Random random = new Random(42);

    @Test
    void listAndMatchLatencyOver100kAssets() throws Exception {
        long t0 = System.nanoTime();
        seed(api.tenant, ASSETS);
        seed("bench-other", ASSETS / 5);
        System.out.printf(Locale.ROOT, "%n== asset-service benchmark: %,d assets in the tenant (+%,d in another), seeded in %.1f s%n",
                ASSETS, ASSETS / 5, (System.nanoTime() - t0) / 1e9);
        String token = api.token("viewer");

        List<String> results = new ArrayList<>();
        results.add(measure("list: type+status+minCriticality, sorted by name, page of 50", token, i -> "?type="
                + TYPES[random.nextInt(TYPES.length)] + "&status=" + STATUSES[random.nextInt(2) + 1]
                + "&minCriticality=" + (random.nextInt(3) + 2) + "&sort=name&size=50&page=" + random.nextInt(5)));
        results.add(measure("list: owner+tag, sorted by criticality desc, page of 50", token,
                i -> "?owner=owner-" + random.nextInt(50) + "&tag=tag-" + random.nextInt(20)
                        + "&sort=criticality,desc&size=50"));
        results.add(measure("list: q (text in name/description/identifiers), page of 20", token,
                i -> "?q=host-" + String.format(Locale.ROOT, "%06d", random.nextInt(ASSETS)).substring(0, 5)));
        results.add(measure("match: ip (inside a /24 network and an address)", token,
                i -> "/match?ip=10." + random.nextInt(8) + "." + random.nextInt(256) + "." + (1 + random.nextInt(250))));
        results.add(measure("match: host (FQDN against short and full names)", token,
                i -> "/match?host=host-" + String.format(Locale.ROOT, "%06d", random.nextInt(ASSETS)) + ".acme.local"));
        results.add(measure("match: host + ip + externalId", token, i -> {
            int n = random.nextInt(ASSETS);
            return "/match?host=h" + n + "&ip=10.9.1.1&externalId=i-" + String.format(Locale.ROOT, "%06d", n);
        }));
        System.out.println();
        results.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "(%d warm-up and %d measured requests each, sequential, one client; JVM %s, %d cores)%n%n",
                WARMUP, REQUESTS, Runtime.version(), Runtime.getRuntime().availableProcessors());
    }

    private String measure(String name, String token, IntFunction<String> query) throws Exception {
        Latency.Result r = Latency.measure(name, WARMUP, REQUESTS, () -> call(token, query.apply(0)), body -> body.contains("\"id\""));
        assertThat(r.found()).as(name + ": requests that found assets").isPositive();
        return r.line();
    }

    private String call(String token, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(assets + query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * Seeds in SQL, as a migration from another inventory would: the triggers keep search text and
     * networks as they do for the service's own writes. Every asset has a host name, an address in
     * 10.0.0.0/13, an external id; one in 50 also holds a /24 network; a few depend on others.
     */
    private static void seed(String tenant, int count) throws Exception {
        try (Connection c = SharedServers.postgres().connect("isms_test"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("""
                    insert into asset (id, tenant_id, name, type, description, owner, tags, status, confidentiality,
                        integrity, availability, effective_confidentiality, effective_integrity, effective_availability,
                        criticality, personal_data, business_critical, hostnames, ip_addresses, external_ids,
                        created_by, created_at, updated_by, updated_at, version)
                    select gen_random_uuid(), ?, 'asset-' || lpad(n::text, 6, '0'),
                           (array['INFORMATION','SOFTWARE','HARDWARE','SERVICE','PEOPLE','SITE','SUPPLIER'])[1 + n % 7],
                           'seeded asset number ' || n, 'owner-' || (n % 50),
                           array['tag-' || (n % 20), 'tag-' || ((n / 7) % 20)]::varchar[],
                           (array['PLANNED','IN_USE','IN_USE','RETIRED','DISPOSED'])[1 + (n / 3) % 5],
                           c, i, a, c, i, a, greatest(c, i, a), n % 5 = 0, n % 11 = 0,
                           array['host-' || lpad(n::text, 6, '0') || '.acme.local', 'h' || n]::varchar[],
                           case when n % 50 = 0
                                then array['10.' || ((n / 50) % 8) || '.' || ((n / 400) % 256) || '.0/24',
                                           '10.' || (n % 8) || '.' || ((n / 8) % 256) || '.' || (1 + n % 250)]::varchar[]
                                else array['10.' || (n % 8) || '.' || ((n / 8) % 256) || '.' || (1 + n % 250)]::varchar[] end,
                           array['i-' || lpad(n::text, 6, '0')]::varchar[],
                           'bench', now(), 'bench', now(), 0
                      from (select n, 1 + (n * 7) % 4 as c, 1 + (n * 13) % 4 as i, 1 + (n * 17) % 4 as a
                              from generate_series(1, ?) as n) g""")) {
                p.setString(1, tenant);
                p.setInt(2, count);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("""
                    insert into asset_dependency (asset_id, depends_on_id, tenant_id)
                    select a.id, b.id, a.tenant_id from asset a join asset b
                      on b.tenant_id = a.tenant_id and b.name = 'asset-' || lpad((substr(a.name, 7)::int / 10 + 1)::text, 6, '0')
                     where a.tenant_id = ? and substr(a.name, 7)::int % 10 = 0""")) {
                p.setString(1, tenant);
                p.executeUpdate();
            }
            c.commit();
            s.execute("analyze asset; analyze asset_network; analyze asset_dependency");
        }
    }
}
