package org.isms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.control.ControlApi.implementation;
import static org.isms.testing.TestDb.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.isms.control.service.EvidenceExpiry;
import org.isms.testing.Instances;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Evidence on real PostgreSQL: links and files (revisions kept, each with its SHA-256, its type checked against its
 * bytes, its size capped), what it does to its controls, and expiry announced once by two instances at once.
 */
@QuarkusTest
class EvidenceTest {
    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    final ControlApi api = new ControlApi("evidence");

    @Inject
    TestClock clock;
    @Inject
    EvidenceExpiry service;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static Map<String, Object> link(String title, String url, List<String> controls, String expiresAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("kind", "LINK");
        m.put("url", url);
        m.put("controlIds", controls);
        m.put("expiresAt", expiresAt);
        return m;
    }

    @Test
    void shouldRecordLinksForControlsAndCountThemAsTheirEvidence() {
        api.decide("5.15", implementation(true, "SOX", "IMPLEMENTED", "alice")).then().statusCode(200);
        api.viewer().get("/api/controls?missingEvidence=true").then().body("items.id", equalTo(List.of("5.15")));
        api.officer().body(link("Access review Q3", "https://tickets.example.com/ISMS-42", List.of("5.15", "5.18"),
                clock.today(200).toString())).post("/api/evidence").then().statusCode(201)
                .header("Location", containsString("/api/evidence/")).body("revision", equalTo(0));
        api.viewer().get("/api/controls/5.15").then().body("evidenceCount", equalTo(1))
                .body("missingEvidence", equalTo(false)).body("evidenceExpired", equalTo(false));
        api.viewer().get("/api/controls?missingEvidence=true").then().body("total", equalTo(0));
        api.viewer().get("/api/evidence?controlId=5.18").then().body("total", equalTo(1));
        api.viewer().get("/api/soa").then().body("entries.find { it.controlId == '5.15' }.evidenceCount", equalTo(1));
        assertThat(query("select count(*) from outbox where tenant_id = ? and event_type = 'isms.evidence.added.v1'",
                api.tenant)).isEqualTo("1");
        assertThat(api.viewer().get("/api/controls/5.18/history").jsonPath().<String>getList("summary"))
                .containsExactly("evidence 'Access review Q3' recorded");

        // bad input is a 400 and records nothing
        api.officer().body(link("x", "javascript:alert(1)", List.of("5.15"), null)).post("/api/evidence").then()
                .statusCode(400).body("detail", containsString("url"));
        api.officer().body(link("x", "https://a.example.com", List.of("9.9"), null)).post("/api/evidence").then()
                .statusCode(400).body("detail", containsString("9.9"));
        api.officer().body(link("x", "https://a.example.com", List.of(), null)).post("/api/evidence").then()
                .statusCode(400);
        Map<String, Object> backwards = link("x", "https://a.example.com", List.of("5.15"), clock.today(1).toString());
        backwards.put("validFrom", clock.today(10).toString());
        api.officer().body(backwards).post("/api/evidence").then().statusCode(400);
        // alice owns 5.15: she records evidence for it, not for a control she does not own; a viewer records none
        api.owner().get("/api/controls").then().statusCode(200);
        api.owner().body(link("MFA report", "https://a.example.com/r", List.of("5.15"), null)).post("/api/evidence")
                .then().statusCode(201);
        api.owner().body(link("x", "https://a.example.com", List.of("8.5"), null)).post("/api/evidence").then()
                .statusCode(403);
        api.viewer().body(link("x", "https://a.example.com", List.of("5.15"), null)).post("/api/evidence").then()
                .statusCode(403);
        api.viewer().get("/api/evidence").then().body("total", equalTo(2));
        new ControlApi("other").viewer().get("/api/evidence").then().body("total", equalTo(0));
    }

    @Test
    void shouldKeepEveryRevisionOfAFileWithItsHash() throws Exception {
        api.decide("5.1", implementation(true, "the board asks for it", "IMPLEMENTED", null)).then().statusCode(200);
        String id = api.officer().body(Map.of("title", "Information security policy", "kind", "FILE",
                "controlIds", List.of("5.1"))).post("/api/evidence").then().statusCode(201).extract().path("id");
        // a file without an upload is no evidence yet
        api.viewer().get("/api/controls/5.1").then().body("evidenceCount", equalTo(0)).body("missingEvidence", equalTo(true));
        Response first = upload(id, "application/pdf", "policy-v1.pdf", PDF);
        first.then().statusCode(201).body("revision", equalTo(1)).body("revisions[0].sha256", equalTo(sha256(PDF)))
                .header("Location", containsString("/revisions/1/content"));
        api.viewer().get("/api/controls/5.1").then().body("evidenceCount", equalTo(1));
        byte[] second = "%PDF-1.7\nthe revised policy\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        upload(id, "application/pdf", "policy-v2.pdf", second).then().statusCode(201).body("revision", equalTo(2))
                .body("revisions.size()", equalTo(2));

        // both revisions download as they were stored, with their hash
        Response old = api.viewer().accept("*/*").get("/api/evidence/" + id + "/revisions/1/content");
        old.then().statusCode(200).contentType("application/pdf").header("X-Content-SHA256", sha256(PDF))
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(PDF)) + ":")
                .header("Content-Disposition", containsString("policy-v1.pdf"));
        assertThat(old.asByteArray()).isEqualTo(PDF);
        assertThat(api.viewer().accept("*/*").get("/api/evidence/" + id + "/revisions/2/content").asByteArray())
                .isEqualTo(second);
        api.viewer().accept("*/*").get("/api/evidence/" + id + "/revisions/3/content").then().statusCode(404);

        // a file that is not what it claims, an empty one, one too large, one without a name: 400, nothing stored
        upload(id, "application/pdf", "x.pdf", "<html>not a pdf</html>".getBytes()).then().statusCode(400)
                .body("detail", containsString("not application/pdf"));
        upload(id, "application/x-msdownload", "x.exe", "MZ".getBytes()).then().statusCode(400)
                .body("detail", containsString("not accepted"));
        upload(id, "text/plain", "x.txt", new byte[] { 'a', 0, 'b' }).then().statusCode(400);
        upload(id, "text/plain", "x.txt", new byte[0]).then().statusCode(400);
        api.officer().noContentType().body(PDF).post("/api/evidence/" + id + "/revisions?filename=a.pdf").then()
                .statusCode(400).body("detail", containsString("Content-Type"));
        byte[] large = new byte[65537];
        System.arraycopy(PDF, 0, large, 0, PDF.length);
        upload(id, "application/pdf", "big.pdf", large).then().statusCode(400).body("detail", containsString("65536"));
        upload(id, "application/pdf", "../../etc/passwd", PDF).then().statusCode(400);
        api.viewer().get("/api/evidence/" + id).then().body("revision", equalTo(2)).body("revisions.size()", equalTo(2));
        assertThat(query("select count(*) from evidence_content where tenant_id = ?", api.tenant)).isEqualTo("2");
        // another tenant neither sees nor writes it
        ControlApi other = new ControlApi("other");
        other.viewer().get("/api/evidence/" + id).then().statusCode(404);
        other.officer().contentType("application/pdf").body(PDF).post("/api/evidence/" + id + "/revisions?filename=a.pdf")
                .then().statusCode(404);
        other.viewer().accept("*/*").get("/api/evidence/" + id + "/revisions/1/content").then().statusCode(404);
    }

    @Test
    void shouldFlagControlsWhoseEvidenceExpiredAndAnnounceEachExpiryOnce() throws Exception {
        api.decide("8.8", implementation(true, "customer contracts", "IMPLEMENTED", null)).then().statusCode(200);
        String scan = api.officer().body(link("Vulnerability scan", "https://scanner.example.com/r/1", List.of("8.8"),
                clock.today(3).toString())).post("/api/evidence").then().statusCode(201).extract().path("id");
        api.officer().body(link("Pen test", "https://a.example.com/pt", List.of("8.29"), clock.today(60).toString()))
                .post("/api/evidence").then().statusCode(201);
        api.viewer().get("/api/evidence?expiring=true").then().body("items.title", equalTo(List.of("Vulnerability scan")));
        assertThat(Instances.twoAtOnce(service::announceExpired)).isZero();

        clock.advance(Duration.ofDays(4)); // the scan's last valid day has passed
        api.viewer().get("/api/evidence?expired=true").then().body("items.id", equalTo(List.of(scan)));
        api.viewer().get("/api/controls/8.8").then().body("evidenceExpired", equalTo(true))
                .body("evidenceCount", equalTo(0)).body("missingEvidence", equalTo(true));
        api.viewer().get("/api/controls?evidenceExpired=true").then().body("items.id", equalTo(List.of("8.8")));
        assertThat(Instances.twoAtOnce(service::announceExpired)).isGreaterThanOrEqualTo(1);
        assertThat(query("select count(*) from outbox where tenant_id = ? and event_type = 'isms.evidence.expired.v1'",
                api.tenant)).isEqualTo("1");
        assertThat(query("select payload->'evidence'->>'controlIds' from outbox where tenant_id = ?"
                + " and event_type = 'isms.evidence.expired.v1'", api.tenant)).isEqualTo("[\"8.8\"]");
        assertThat(api.viewer().get("/api/controls/8.8/history").jsonPath().<String>getList("summary"))
                .contains("evidence 'Vulnerability scan' expired (valid until " + clock.today(-1) + ")");

        // renewed: valid again, and the new date is announced in its time
        Response current = api.viewer().get("/api/evidence/" + scan);
        Map<String, Object> renewed = link("Vulnerability scan", "https://scanner.example.com/r/2", List.of("8.8"),
                clock.today(90).toString());
        api.officer().header("If-Match", current.header("ETag")).body(renewed).put("/api/evidence/" + scan).then()
                .statusCode(200);
        assertThat(query("select payload->>'changed' from outbox where tenant_id = ? and event_type = ?", api.tenant,
                "isms.evidence.changed.v1")).isEqualTo("[\"url\", \"expiresAt\"]");
        assertThat(query("select payload->>'controlsWithoutEvidence' from outbox where tenant_id = ? and event_type = ?",
                api.tenant, "isms.evidence.expired.v1")).isEqualTo("[\"8.8\"]");
        api.viewer().get("/api/controls/8.8").then().body("evidenceExpired", equalTo(false))
                .body("evidenceCount", equalTo(1));
        api.officer().header("If-Match", current.header("ETag")).body(renewed).put("/api/evidence/" + scan).then()
                .statusCode(412);
    }

    private Response upload(String id, String type, String name, byte[] bytes) {
        return api.officer().contentType(type).body(bytes).post("/api/evidence/" + id + "/revisions?filename=" + name);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
