package org.isms.asset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.isms.asset.rest.AssetCsv;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.Test;

/** CSV export and import: the same columns, a round trip, all or nothing, each bad row named by its line. */
@QuarkusTest
class AssetCsvTest {
    final AssetApi api = new AssetApi("csv");

    @Test
    void shouldExportAndImportIntoAnotherTenantUnchanged() {
        String site = api.registerId(AssetApi.with(AssetApi.asset("Berlin DC"), "type", "SITE", "location", "Berlin",
                "status", "IN_USE"));
        String server = api.registerId(AssetApi.with(AssetApi.asset("db server, primary"), "type", "HARDWARE",
                "description", "line one\nline \"two\"", "tags", List.of("pci", "linux"), "dependsOn", List.of(site),
                "identifiers", Map.of("hostnames", List.of("db01.acme.local"), "ipAddresses", List.of("10.1.0.0/24"),
                        "externalIds", List.of("agent-77")), "reviewDate", TestClock.current().today(60).toString(), "businessCritical", true));
        api.registerId(AssetApi.with(AssetApi.asset("=HYPERLINK(\"http://evil\")"), "owner", "-bob",
                "classification", AssetApi.cia(4, 3, 1), "personalData", true, "dependsOn", List.of(server)));
        String exported = export(api);
        assertThat(exported.lines().findFirst().orElseThrow()).isEqualTo(
                "id,name,type,description,owner,custodian,location,tags,status,confidentiality,integrity,availability,"
                        + "personalData,businessCritical,hostnames,ipAddresses,externalIds,dependsOn,reviewDate");
        assertThat(exported).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("\"'-bob\"");

        AssetApi other = new AssetApi("csv-copy");
        Response imported = importCsv(other, "security-officer", exported);
        imported.then().statusCode(200).body("imported", equalTo(3));
        assertThat(imported.jsonPath().getList("assets.line")).containsExactly(2, 3, 4); // in name order; the last one's description spans lines 4-5

        // the same inventory, under new ids: compare the exports with the ids mapped
        String reExported = export(other);
        assertThat(withoutIds(reExported)).isEqualTo(withoutIds(exported));
        String copy = imported.jsonPath().getString("assets.find { it.name == 'db server, primary' }.id");
        other.get(copy).then().body("description", equalTo("line one\nline \"two\""))
                .body("identifiers.hostnames", equalTo(List.of("db01.acme.local")))
                .body("effectiveClassification.confidentiality", equalTo(4));
        String dangerous = imported.jsonPath().getString("assets[0].id");
        other.get(dangerous).then().body("name", equalTo("=HYPERLINK(\"http://evil\")")).body("owner", equalTo("-bob"));
        other.officer().get("/api/assets/" + copy + "/history").then()
                .body("items[0].action", equalTo("REGISTERED")).body("items[0].reason", equalTo("imported"));
    }

    @Test
    void shouldImportNothingAndReportEveryBadRowWithItsLine() {
        api.registerId(AssetApi.asset("existing"));
        String before = api.fingerprint();
        String csv = """
                id,name,type,owner,confidentiality,integrity,availability,ipAddresses,dependsOn,status,reviewDate
                ,good one,SITE,alice,1,1,1,,,,
                ,bad type,SPACESHIP,alice,1,1,1,,,,
                ,bad rating,SITE,alice,5,1,1,,,,
                ,,SITE,alice,1,1,1,,,,
                ,bad ip,SITE,alice,1,1,1,10.0.0.300,,,
                ,Existing,SITE,alice,1,1,1,,,,
                ,good one,SITE,alice,1,1,1,,,,
                ,dangling,SITE,alice,1,1,1,,7f000000-0000-0000-0000-000000000001,,
                ,bad status,SITE,alice,1,1,1,,,LOST,
                ,bad date,SITE,alice,1,1,1,,,,31.01.2027
                ,short row,SITE
                """;
        Response r = importCsv(api, "risk-owner", csv);
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.<String>path("detail")).contains("nothing was imported");
        List<String> faults = r.jsonPath().getList("errors", Map.class).stream()
                .map(e -> e.get("line") + " " + e.get("field")).toList();
        assertThat(faults).containsExactly("3 type", "4 confidentiality", "5 name", "6 ipAddresses[0]", "7 name",
                "8 name", "9 dependsOn", "10 status", "11 reviewDate", "12 row");
        assertThat(r.jsonPath().getString("errors.find { it.line == 8 }.message")).contains("also on line 2");
        assertThat(r.jsonPath().getString("errors.find { it.line == 7 }.message")).contains("already in the inventory");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseACycleWithinTheFile() {
        String a = "7f000000-0000-0000-0000-00000000000a";
        String b = "7f000000-0000-0000-0000-00000000000b";
        String csv = "id,name,type,owner,confidentiality,integrity,availability,dependsOn\n"
                + a + ",a,SITE,x,1,1,1," + b + "\n" + b + ",b,SITE,x,1,1,1," + a + "\n";
        String before = api.fingerprint();
        Response r = importCsv(api, "isms-admin", csv);
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.jsonPath().getString("errors[0].message")).contains("cycle");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAFileWithoutAUsableHeader() {
        String before = api.fingerprint();
        Response r = importCsv(api, "isms-admin", "name,type,colour\nx,SITE,red\n");
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.jsonPath().getList("errors.field")).contains("colour", "owner", "confidentiality");
        AssetResourceTest.problem(importCsv(api, "isms-admin", ""), 400, "validation");
        AssetResourceTest.problem(importCsv(api, "isms-admin", "name,type\n\"unclosed,SITE\n"), 400, "validation");
        AssetResourceTest.problem(api.officer().body(Map.of("name", "json is not csv")).post("/api/assets/import"), 415,
                "unsupported-media-type");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldExportWithTheListFilters() {
        api.registerId(AssetApi.with(AssetApi.asset("site one"), "type", "SITE"));
        api.registerId(AssetApi.asset("app one"));
        String csv = given().auth().oauth2(api.token("viewer")).get("/api/assets/export?type=SITE").then()
                .statusCode(200).contentType("text/csv").header("Content-Disposition", "attachment; filename=\"assets.csv\"")
                .extract().asString();
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv).contains("site one").doesNotContain("app one");
    }

    @Test
    void shouldStreamTheExportPageByPageInNameOrderOnceEach() {
        // the test profile's pages hold 7 assets: 20 cross three pages
        StringBuilder csv = new StringBuilder("name,type,owner,confidentiality,integrity,availability\n");
        for (int k = 19; k >= 0; k--) {
            csv.append(String.format("asset %02d,SOFTWARE,alice,1,1,1%n", k));
        }
        importCsv(api, "security-officer", csv.toString()).then().statusCode(200).body("imported", equalTo(20));
        Response r = given().auth().oauth2(api.token("viewer")).get("/api/assets/export");
        r.then().statusCode(200).contentType("text/csv");
        // streamed: sent in chunks as the pages are read, no length known up front
        assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.header("Content-Length")).isNull();
        List<String> names = parse(r.asString()).stream().skip(1).map(row -> row.get(1)).toList();
        assertThat(names).hasSize(20).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldQuoteAndEscapeEveryCellAndListElementASpreadsheetWouldRun() {
        String site = api.registerId(AssetApi.with(AssetApi.asset("site; with a semicolon"), "type", "SITE",
                "tags", List.of("plain", "-rm"), "identifiers", Map.of("externalIds", List.of("@evil", "fine"))));
        String exported = export(api);
        String line = exported.lines().filter(l -> l.contains(site)).findFirst().orElseThrow();
        assertThat(line).contains("\"site; with a semicolon\"").contains("\"plain;'-rm\"").contains("\"'@evil;fine\"");
        // and the import takes every escape back
        AssetApi other = new AssetApi("csv-escape");
        importCsv(other, "security-officer", exported).then().statusCode(200);
        String copy = other.officer().get("/api/assets?q=semicolon").path("items[0].id");
        other.get(copy).then().body("tags", equalTo(List.of("plain", "-rm")))
                .body("identifiers.externalIds", equalTo(List.of("@evil", "fine")));
    }

    @Test
    void shouldStopReadingAtTheRowCap() {
        StringBuilder csv = new StringBuilder("name,type,owner,confidentiality,integrity,availability\n");
        for (int k = 0; k <= AssetCsv.MAX_ROWS; k++) {
            csv.append("a").append(k).append(",SOFTWARE,alice,1,1,1\n");
        }
        csv.append("\"never closed\n"); // never reached: reading stopped at the cap
        String before = api.fingerprint();
        Response r = importCsv(api, "security-officer", csv.toString());
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.<String>path("detail")).contains("more than " + AssetCsv.MAX_ROWS + " rows")
                .contains("reading stopped at line " + (AssetCsv.MAX_ROWS + 2));
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldCapDependenciesPerRowAndInAll() {
        String header = "name,type,owner,confidentiality,integrity,availability,dependsOn\n";
        String many = String.join(";", java.util.stream.Stream.generate(() -> java.util.UUID.randomUUID().toString())
                .limit(101).toList());
        Response perRow = importCsv(api, "security-officer", header + "x,SOFTWARE,alice,1,1,1," + many + "\n");
        AssetResourceTest.problem(perRow, 400, "validation");
        assertThat(perRow.jsonPath().getString("errors[0].message")).contains("has 101 dependencies; at most 100");

        StringBuilder csv = new StringBuilder(header);
        String hundred = String.join(";", java.util.stream.Stream.generate(() -> java.util.UUID.randomUUID().toString())
                .limit(100).toList());
        int rows = AssetCsv.MAX_EDGES / 100 + 1; // the last one passes the cap
        for (int k = 0; k < rows; k++) {
            csv.append("r").append(k).append(",SOFTWARE,alice,1,1,1,").append(hundred).append('\n');
        }
        Response inAll = importCsv(api, "security-officer", csv.toString());
        AssetResourceTest.problem(inAll, 400, "validation");
        assertThat(inAll.<String>path("detail")).contains("more than " + AssetCsv.MAX_EDGES + " dependencies in all")
                .contains("reading stopped at line " + (rows + 1));
    }

    @Test
    void shouldRefuseANulCharacterInACellNamingItsColumnAndLine() {
        String before = api.fingerprint();
        Response r = importCsv(api, "security-officer",
                "name,type,owner,confidentiality,integrity,availability\nok,SOFTWARE,alice,1,1,1\nbad\u0000name,SOFTWARE,alice,1,1,1\n");
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("name");
        assertThat(r.jsonPath().getInt("errors[0].line")).isEqualTo(3);
        assertThat(r.jsonPath().getString("errors[0].message")).contains("NUL");
        assertThat(api.fingerprint()).isEqualTo(before);
    }

    @Test
    void shouldImportHundredsOfRowsDependingOnEachOtherAndOnExistingAssetsWithRatingsHistoryAndEvents() {
        String site = api.registerId(AssetApi.with(AssetApi.asset("bulk site"), "type", "SITE",
                "classification", AssetApi.cia(1, 1, 1)));
        String server = api.registerId(AssetApi.with(AssetApi.asset("bulk server"), "type", "HARDWARE",
                "classification", AssetApi.cia(1, 1, 1), "dependsOn", List.of(site)));
        String lonely = api.registerId(AssetApi.with(AssetApi.asset("bulk lonely"), "classification", AssetApi.cia(1, 1, 1)));
        // per group: data on its service, the service on its host, the host on the existing server (every tenth
        // also on the existing site); the data's own ratings are what the service and the host must take
        int groups = 100;
        List<String> lines = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>(); // name -> effective ratings / criticality / version
        int edges = 0;
        for (int g = 0; g < groups; g++) {
            String host = fileId(3 * g);
            String service = fileId(3 * g + 1);
            String data = fileId(3 * g + 2);
            int c = 1 + g % 3;
            int i = 1 + g % 4;
            int a = 1 + g % 2;
            lines.add(host + ",imp host " + g + ",HARDWARE,ops,1,1,1," + server + (g % 10 == 0 ? ";" + site : ""));
            lines.add(service + ",imp service " + g + ",SERVICE,ops,1,1,1," + host);
            lines.add(data + ",imp data " + g + ",INFORMATION,ops," + c + "," + i + "," + a + "," + service);
            edges += g % 10 == 0 ? 4 : 3;
            for (String kind : List.of("host", "service", "data")) {
                expected.put("imp " + kind + " " + g, "" + c + i + a + "/" + Math.max(c, Math.max(i, a)) + "/v0");
            }
        }
        Collections.shuffle(lines, new Random(11)); // dependencies point up and down the file
        String csv = "id,name,type,owner,confidentiality,integrity,availability,dependsOn\n" + String.join("\n", lines) + "\n";

        Response r = importCsv(api, "security-officer", csv);
        r.then().statusCode(200).body("checked", equalTo(300)).body("imported", equalTo(300))
                .body("dependencies", equalTo(edges)).body("reclassified", equalTo(2));
        String cause = r.jsonPath().getString("assets[0].id"); // the file's first row

        // every asset, with the effective ratings the maximum principle gives it, at its first version
        String tenant = api.tenant;
        assertThat(AssetApi.query("select count(*) from asset where tenant_id = ?", tenant)).isEqualTo("303");
        String actual = AssetApi.query("select string_agg(name || '=' || effective_confidentiality || effective_integrity"
                + " || effective_availability || '/' || criticality || '/v' || version, ',' order by name collate \"C\")"
                + " from asset where tenant_id = ? and name like 'imp %'", tenant);
        assertThat(actual).isEqualTo(expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        // the existing assets it reaches are raised to the highest of the file, once each; the others left alone
        assertThat(api.effective(server)).containsExactly(3, 4, 2);
        assertThat(api.effective(site)).containsExactly(3, 4, 2);
        assertThat(api.effective(lonely)).containsExactly(1, 1, 1);

        // every edge, between the right assets
        assertThat(AssetApi.query("select count(*) from asset_dependency where tenant_id = ?", tenant))
                .isEqualTo(String.valueOf(edges + 1));
        assertThat(AssetApi.query("select count(*) from asset_dependency d join asset a on a.id = d.asset_id"
                + " join asset b on b.id = d.depends_on_id where d.tenant_id = ? and ("
                + " a.name like 'imp data %' and b.name = replace(a.name, 'imp data', 'imp service')"
                + " or a.name like 'imp service %' and b.name = replace(a.name, 'imp service', 'imp host')"
                + " or a.name like 'imp host %' and b.name in ('bulk server', 'bulk site'))", tenant))
                .isEqualTo(String.valueOf(edges));

        // one REGISTERED entry per imported asset, at its version; one effective-rating entry per raised asset
        assertThat(AssetApi.query("select count(*) from asset a join asset_change h on h.asset_id = a.id"
                + " where a.tenant_id = ? and a.name like 'imp %'", tenant)).isEqualTo("300");
        assertThat(AssetApi.query("select count(distinct a.id) from asset a join asset_change h on h.asset_id = a.id"
                + " where a.tenant_id = ? and a.name like 'imp %' and h.tenant_id = a.tenant_id and h.action = 'REGISTERED'"
                + " and h.reason = 'imported' and h.cause is null and h.asset_version = a.version"
                + " and h.changes like '%\"dependsOn\"%'", tenant)).isEqualTo("300");
        assertThat(AssetApi.query("select string_agg(a.name, ',' order by a.name) from asset_change h join asset a"
                + " on a.id = h.asset_id where h.tenant_id = ? and h.action = 'EFFECTIVE_CLASSIFICATION_CHANGED'"
                + " and cast(h.cause as text) = ? and h.asset_version = a.version", tenant, cause))
                .isEqualTo("bulk server,bulk site");

        // one registered event per imported asset, its snapshot the asset as written; a classified event per raised one
        assertThat(AssetApi.query("select count(*) from outbox o join asset a on cast(a.id as text) = o.aggregate_id"
                + " where o.tenant_id = ? and a.name like 'imp %' and o.event_type = 'isms.asset.registered.v1'"
                + " and o.payload -> 'asset' ->> 'name' = a.name"
                + " and cast(o.payload -> 'asset' -> 'effective' ->> 'confidentiality' as integer) = a.effective_confidentiality"
                + " and cast(o.payload -> 'asset' -> 'effective' ->> 'integrity' as integer) = a.effective_integrity"
                + " and cast(o.payload -> 'asset' -> 'effective' ->> 'availability' as integer) = a.effective_availability"
                + " and cast(o.payload -> 'asset' ->> 'version' as bigint) = a.version"
                + " and jsonb_array_length(o.payload -> 'asset' -> 'dependsOn')"
                + "     = (select count(*) from asset_dependency d where d.asset_id = a.id)", tenant)).isEqualTo("300");
        assertThat(AssetApi.query("select string_agg(o.payload ->> 'name', ',' order by o.payload ->> 'name') from outbox o"
                + " where o.tenant_id = ? and o.event_type = 'isms.asset.classified.v1' and o.payload ->> 'cause' = ?"
                + " and cast(o.payload -> 'effective' ->> 'integrity' as integer) = 4", tenant, cause))
                .isEqualTo("bulk server,bulk site");
        // and nothing else: the three registrations before, 300 registered and 2 classified events of the import
        assertThat(AssetApi.query("select count(*) from outbox where tenant_id = ?", tenant)).isEqualTo("305");
    }

    @Test
    void shouldWriteNothingWhenOneRowOfALargeFileIsBad() {
        api.registerId(AssetApi.asset("Taken Name"));
        int rows = 5_000;
        // a tree: each row depends on the row at half its index
        IntFunction<String> dependsOn = k -> k == 0 ? "" : fileId(k / 2);
        String before = api.fingerprint();

        // a name the inventory holds (in another case) on one line near the end
        Response taken = importCsv(api, "security-officer", largeFile(rows, k -> k == 3_999 ? "taken name" : "large " + k,
                dependsOn));
        AssetResourceTest.problem(taken, 400, "validation");
        assertThat(taken.<String>path("detail")).contains("1 fault(s)").contains(rows + " rows checked")
                .contains("nothing was imported");
        assertThat(taken.jsonPath().getList("errors", Map.class).stream().map(e -> e.get("line") + " " + e.get("field"))
                .toList()).containsExactly("4001 name");
        assertThat(taken.jsonPath().getString("errors[0].message")).contains("already in the inventory");
        assertThat(api.fingerprint()).isEqualTo(before);

        // a dependency on no asset, on the last line
        String unknown = "7f000000-0000-0000-0000-0000ffffffff";
        Response dangling = importCsv(api, "security-officer", largeFile(rows, k -> "large " + k,
                k -> k == rows - 1 ? unknown : dependsOn.apply(k)));
        AssetResourceTest.problem(dangling, 400, "validation");
        assertThat(dangling.jsonPath().getList("errors", Map.class).stream().map(e -> e.get("line") + " " + e.get("field"))
                .toList()).containsExactly((rows + 1) + " dependsOn");
        assertThat(api.fingerprint()).isEqualTo(before);

        // the same file without the bad row is written whole
        importCsv(api, "security-officer", largeFile(rows, k -> "large " + k, dependsOn)).then().statusCode(200)
                .body("checked", equalTo(rows)).body("imported", equalTo(rows)).body("dependencies", equalTo(rows - 1));
        assertThat(AssetApi.query("select count(*) from asset where tenant_id = ?", api.tenant))
                .isEqualTo(String.valueOf(rows + 1));
    }

    /** A file of {@code rows} rows with ids, names and dependencies as given, row {@code k} on line {@code k + 2}. */
    private static String largeFile(int rows, IntFunction<String> name, IntFunction<String> dependsOn) {
        StringBuilder csv = new StringBuilder("id,name,type,owner,confidentiality,integrity,availability,dependsOn\n");
        for (int k = 0; k < rows; k++) {
            csv.append(fileId(k)).append(',').append(name.apply(k)).append(",SOFTWARE,alice,").append(1 + k % 4)
                    .append(",1,1,").append(dependsOn.apply(k)).append('\n');
        }
        return csv.toString();
    }

    /** The id a test file gives its row {@code k}: only a reference within the file (imported assets get new ones). */
    private static String fileId(int k) {
        return String.format("7f000000-0000-0000-0000-%012d", k);
    }

    static Response importCsv(AssetApi api, String role, String csv) {
        return given().auth().oauth2(api.token(role)).contentType("text/csv").body(csv).post("/api/assets/import");
    }

    static String export(AssetApi api) {
        return given().auth().oauth2(api.token("viewer")).get("/api/assets/export").then().statusCode(200)
                .extract().asString();
    }

    /** The export with the id columns (id, dependsOn) replaced by the names they point at. */
    static String withoutIds(String csv) {
        List<List<String>> rows = parse(csv);
        Map<String, String> names = rows.stream().skip(1).collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
        return rows.stream().skip(1).map(r -> {
            List<String> copy = new java.util.ArrayList<>(r);
            copy.set(0, "");
            copy.set(17, Arrays.stream(r.get(17).split(";")).filter(s -> !s.isEmpty()).map(names::get)
                    .collect(Collectors.joining(";")));
            return String.join("|", copy);
        }).collect(Collectors.joining("\n"));
    }

    /** A minimal RFC 4180 reader for the assertions (independent of the service's own). */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new java.util.ArrayList<>();
        List<String> row = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new java.util.ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        return rows;
    }
}
