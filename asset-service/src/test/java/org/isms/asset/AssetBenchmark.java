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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.isms.asset.rest.AssetCsv;
import org.isms.platform.http.Responses;
import org.isms.testing.Latency;
import org.isms.testing.SharedServers;
import org.isms.testing.TestDb;
import org.junit.jupiter.api.Test;

/**
 * On demand ({@code ./isms bench asset-service}), never in the normal test run: seeds 100,000 assets
 * into one tenant (next to 20,000 of another) and prints the latency of a filtered, paged list query,
 * a free-text list query and {@code match} lookups, measured over HTTP one request at a time; and the rate of
 * CSV imports of 1,000, 10,000 and 100,000 new assets (the last skipped with {@code -Dbench.import.large=false}) into a tenant
 * already holding 2,000, beside PostgreSQL's own rate for multi-row INSERTs of such rows measured in the same run.
 * The figures are printed, not asserted: our machines are shared and noisy.
 */
@QuarkusTest
class AssetBenchmark {
    static final int ASSETS = Integer.getInteger("bench.assets", 100_000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    static final int REQUESTS = Integer.getInteger("bench.requests", 2_000);
    static final String[] TYPES = { "INFORMATION", "SOFTWARE", "HARDWARE", "SERVICE", "PEOPLE", "SITE", "SUPPLIER" };
    static final String[] STATUSES = { "PLANNED", "IN_USE", "RETIRED", "DISPOSED" };
    static final boolean IMPORT_LARGE = Boolean.parseBoolean(System.getProperty("bench.import.large", "true"));
    static final int IMPORT_EXISTING = Integer.getInteger("bench.import.existing", 2_000);
    static final int CEILING_ROWS = Integer.getInteger("bench.ceiling.rows", 50_000);
    static final int CEILING_BATCH = 500;
    static final Pattern COUNT = Pattern.compile("\"(checked|imported|dependencies|reclassified)\":(\\d+)");

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

    @Test
    void importRateAgainstThePostgresCeiling() throws Exception {
        List<Integer> sizes = new ArrayList<>(List.of(1_000, 10_000));
        if (IMPORT_LARGE) {
            sizes.add(100_000);
        }
        importFile(new AssetApi("bench-warm"), 500); // the JIT warms up on this one, not on the first measured
        List<String> results = new ArrayList<>();
        for (int rows : sizes) {
            results.add(importFile(new AssetApi("bench-import"), rows));
        }
        double bare = insertCeiling("including defaults");
        double indexed = insertCeiling("including all");
        System.out.printf(Locale.ROOT, "%n== asset-service CSV import: new assets into a tenant already holding %,d"
                + " (about 1.2 dependencies a row, on earlier rows and on existing assets; ~240 bytes a row)%n",
                IMPORT_EXISTING);
        results.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "PostgreSQL ceiling, same run: %d-row multi-row INSERTs of %,d asset rows over JDBC,"
                + " one transaction: %,.0f rows/s into a bare copy of the table, %,.0f rows/s with its indexes"
                + " (no triggers); an import writes each asset, its network rows, edges, a history entry and an event%n",
                CEILING_BATCH, CEILING_ROWS, bare, indexed);
        System.out.printf(Locale.ROOT, "(JVM %s, %d cores%s)%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), IMPORT_LARGE ? "" : "; 100,000 rows skipped (-Dbench.import.large=false)");
    }

    /**
     * Imports {@code rows} new assets over HTTP into a fresh tenant seeded with {@link #IMPORT_EXISTING}, checks
     * that the import answered and wrote them all, waits for the relay to publish their events (so the next import
     * does not share the machine with it), and says how fast it was.
     */
    private String importFile(AssetApi tenant, int rows) throws Exception {
        seed(tenant.tenant, IMPORT_EXISTING);
        String csv = csv(rows, existingIds(tenant.tenant));
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(assets + "/import"))
                .header("Authorization", "Bearer " + tenant.token("security-officer"))
                .header("Content-Type", Responses.CSV).timeout(Duration.ofMinutes(15))
                .version(HttpClient.Version.HTTP_1_1) // a plain upload: no h2c upgrade with a 25 MB body
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("import of " + rows + " rows answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(2_000, r.body().length())));
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        Matcher m = COUNT.matcher(r.body());
        while (m.find()) {
            counts.putIfAbsent(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(counts.get("imported")).as("imported").isEqualTo(rows);
        assertThat(TestDb.query("select count(*) from asset where tenant_id = ?", tenant.tenant))
                .as("assets in the tenant after the import").isEqualTo(String.valueOf(IMPORT_EXISTING + rows));
        long t1 = System.nanoTime();
        boolean published = published(tenant.tenant, Duration.ofMinutes(10));
        double publishing = (System.nanoTime() - t1) / 1e9;
        return String.format(Locale.ROOT, "import %,7d rows (%5.1f MB): %6.2f s  %,7.0f rows/s  (%,d dependencies, %,d"
                + " existing assets raised; events %s)", rows, csv.length() / 1e6, seconds, rows / seconds,
                counts.getOrDefault("dependencies", -1), counts.getOrDefault("reclassified", -1),
                published ? String.format(Locale.ROOT, "published %.1f s after the answer", publishing)
                        : "still unpublished after 10 min");
    }

    /**
     * A CMDB export of {@code rows} new assets, every column filled: each row after the first ten depends on an
     * earlier row (so the file's graph has no cycle), and one in five also on an existing asset.
     */
    private static String csv(int rows, List<String> existing) {
        Random random = new Random(rows);
        String[] ids = new String[rows];
        for (int k = 0; k < rows; k++) {
            ids[k] = UUID.randomUUID().toString();
        }
        StringBuilder csv = new StringBuilder(rows * 260).append(String.join(",", AssetCsv.COLUMNS)).append('\n');
        for (int k = 0; k < rows; k++) {
            List<String> dependsOn = new ArrayList<>();
            if (k >= 10) {
                dependsOn.add(ids[random.nextInt(k)]);
            }
            if (k % 5 == 0) {
                dependsOn.add(existing.get(random.nextInt(existing.size())));
            }
            // id,name,type,description,owner,custodian,location,tags,status
            csv.append(ids[k]).append(",imp-").append(k).append(',').append(TYPES[k % TYPES.length])
                    .append(",imported asset number ").append(k).append(" from the CMDB,owner-").append(k % 50)
                    .append(",team-").append(k % 7).append(",dc-").append(k % 3).append(",tag-").append(k % 20)
                    .append(";cmdb,").append(STATUSES[k % 3])
                    // confidentiality,integrity,availability,personalData,businessCritical
                    .append(',').append(1 + random.nextInt(4)).append(',').append(1 + random.nextInt(4)).append(',')
                    .append(1 + random.nextInt(4)).append(',').append(k % 5 == 0).append(',').append(k % 11 == 0)
                    // hostnames,ipAddresses,externalIds,dependsOn,reviewDate
                    .append(",imp-").append(k).append(".cmdb.acme.local,10.").append(100 + k % 100).append('.')
                    .append((k / 100) % 256).append('.').append(1 + k % 250).append(",cmdb-").append(k).append(',')
                    .append(String.join(";", dependsOn)).append(",2027-06-30\n");
        }
        return csv.toString();
    }

    /** The tenant's assets that may be depended on (the seed disposes one in five). */
    private static List<String> existingIds(String tenant) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = SharedServers.postgres().connect("isms_test");
                PreparedStatement p = c.prepareStatement(
                        "select cast(id as text) from asset where tenant_id = ? and status <> 'DISPOSED' order by name")) {
            p.setString(1, tenant);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    /** Whether the relay published every event of the tenant within {@code max}. */
    private static boolean published(String tenant, Duration max) {
        try {
            org.awaitility.Awaitility.await().atMost(max).pollInterval(Duration.ofMillis(100)).until(() -> "0".equals(
                    TestDb.query("select count(*) from outbox where tenant_id = ? and sent_at is null", tenant)));
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * PostgreSQL's own rate on this machine for rows like the import's: {@link #CEILING_ROWS} asset rows in
     * {@link #CEILING_BATCH}-row multi-row INSERTs over JDBC, in one transaction, into a scratch copy of the asset
     * table ({@code like asset <copy>}: "including defaults" is the bare table, "including all" adds its indexes;
     * neither copies the triggers), after a warm-up of ten statements. Rows per second.
     */
    private static double insertCeiling(String copy) throws Exception {
        String row = "(?, ?, ?, ?, ?, ?, cast(? as varchar[]), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as varchar[]),"
                + " cast(? as varchar[]), cast(? as varchar[]), ?, ?, ?, ?, ?, ?)";
        String sql = "insert into bench_import_ceiling (id, tenant_id, name, type, description, owner, tags, status,"
                + " confidentiality, integrity, availability, effective_confidentiality, effective_integrity,"
                + " effective_availability, criticality, personal_data, business_critical, hostnames, ip_addresses,"
                + " external_ids, search_text, created_by, created_at, updated_by, updated_at, version) values "
                + String.join(", ", Collections.nCopies(CEILING_BATCH, row));
        Random random = new Random(7);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = SharedServers.postgres().connect("isms_test"); Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_import_ceiling");
            s.execute("create table bench_import_ceiling (like asset " + copy + ")");
            c.setAutoCommit(false);
            int warmup = 10 * CEILING_BATCH;
            long start = 0;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int done = 0; done < warmup + CEILING_ROWS; done += CEILING_BATCH) {
                    if (done == warmup) {
                        start = System.nanoTime();
                    }
                    int i = 1;
                    for (int k = done; k < done + CEILING_BATCH; k++) {
                        int conf = 1 + random.nextInt(4);
                        String name = "ceiling-" + k;
                        String host = name + ".cmdb.acme.local";
                        String ip = "10." + (100 + k % 100) + "." + (k / 100) % 256 + "." + (1 + k % 250);
                        p.setObject(i++, UUID.randomUUID());
                        p.setString(i++, "bench-ceiling");
                        p.setString(i++, name);
                        p.setString(i++, TYPES[k % TYPES.length]);
                        p.setString(i++, "imported asset number " + k + " from the CMDB");
                        p.setString(i++, "owner-" + k % 50);
                        p.setString(i++, "{tag-" + k % 20 + ",cmdb}");
                        p.setString(i++, STATUSES[k % 3]);
                        p.setInt(i++, conf);
                        p.setInt(i++, 2);
                        p.setInt(i++, 1);
                        p.setInt(i++, conf);
                        p.setInt(i++, 2);
                        p.setInt(i++, 1);
                        p.setInt(i++, Math.max(conf, 2));
                        p.setBoolean(i++, k % 5 == 0);
                        p.setBoolean(i++, k % 11 == 0);
                        p.setString(i++, "{" + host + "}");
                        p.setString(i++, "{" + ip + "}");
                        p.setString(i++, "{cmdb-" + k + "}");
                        p.setString(i++, name + " imported asset number " + k + " from the cmdb " + host + " " + ip
                                + " cmdb-" + k);
                        p.setString(i++, "bench");
                        p.setObject(i++, now);
                        p.setString(i++, "bench");
                        p.setObject(i++, now);
                        p.setLong(i++, 0);
                    }
                    p.executeUpdate();
                }
            }
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            s.execute("drop table bench_import_ceiling");
            return CEILING_ROWS / seconds;
        }
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
