package org.isms.asset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
        for (int k = 0; k <= 10_000; k++) {
            csv.append("a").append(k).append(",SOFTWARE,alice,1,1,1\n");
        }
        csv.append("\"never closed\n"); // never reached: reading stopped at the cap
        String before = api.fingerprint();
        Response r = importCsv(api, "security-officer", csv.toString());
        AssetResourceTest.problem(r, 400, "validation");
        assertThat(r.<String>path("detail")).contains("more than 10000 rows").contains("reading stopped at line 10002");
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
        for (int k = 0; k < 501; k++) {
            csv.append("r").append(k).append(",SOFTWARE,alice,1,1,1,").append(hundred).append('\n');
        }
        Response inAll = importCsv(api, "security-officer", csv.toString());
        AssetResourceTest.problem(inAll, 400, "validation");
        assertThat(inAll.<String>path("detail")).contains("more than 50000 dependencies in all")
                .contains("reading stopped at line 502");
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
