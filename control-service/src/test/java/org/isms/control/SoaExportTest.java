package org.isms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.control.ControlApi.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.nist.secauto.metaschema.core.model.validation.IValidationResult;
import gov.nist.secauto.metaschema.core.model.validation.JsonSchemaContentValidator;
import gov.nist.secauto.oscal.lib.OscalBindingContext;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.isms.events.Topics;
import org.isms.testing.KafkaBroker;
import org.isms.testing.RiskEventFixtures;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statement's files read back as their readers would: the workbook with Apache POI, the PDF's text with PDFBox,
 * the OSCAL document against the OSCAL 1.1.3 JSON schema (bundled with liboscal-java) — 93 Annex A controls and the
 * tenant's own, each with what the statement says of it.
 */
@QuarkusTest
class SoaExportTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    final ControlApi api = new ControlApi("export");
    final UUID risk = UUID.randomUUID();

    @BeforeEach
    void statement() throws Exception {
        KafkaBroker.send(Topics.RISK_EVENTS, new RiskEventFixtures(api.tenant).treatmentPlanned(risk,
                "Stolen laptops → data loss", List.of("8.1")));
        api.officer().body(Map.of("id", "ACME-01", "title", "Quarterly phishing simulation", "theme", "PEOPLE",
                "purpose", "Staff practise spotting phishing.",
                "attributes", Map.of("controlTypes", List.of("PREVENTIVE"), "properties", List.of("CONFIDENTIALITY"),
                        "concepts", List.of("PROTECT"), "capabilities", List.of("HUMAN_RESOURCE_SECURITY"),
                        "domains", List.of("PROTECTION")))).post("/api/controls").then().statusCode(201);
        api.decide("7.1", implementation(false, "fully remote: =no offices\nat all", "NOT_STARTED", null)).then()
                .statusCode(200);
        api.decide("5.1", implementation(true, "policy set approved by the board", "IMPLEMENTED", "olivia")).then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/controls/8.1").then()
                .body("applicable", equalTo(true)));
    }

    @Test
    void shouldExportTheStatementAsAWorkbook() throws Exception {
        byte[] xlsx = export("xlsx", XLSX);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet soa = book.getSheet("Statement of Applicability");
            assertThat(soa.getLastRowNum()).isEqualTo(94); // a header and 93 + 1 controls
            assertThat(soa.getRow(0).getCell(0).getStringCellValue()).isEqualTo("controlId");
            Row excluded = row(soa, "7.1");
            assertThat(excluded.getCell(4).getStringCellValue()).isEqualTo("no");
            // a leading = stays text, never a formula
            assertThat(excluded.getCell(6).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(excluded.getCell(6).getStringCellValue()).startsWith("fully remote: =no offices");
            assertThat(row(soa, "8.1").getCell(11).getStringCellValue()).isEqualTo("Stolen laptops → data loss");
            assertThat(row(soa, "ACME-01").getCell(3).getStringCellValue()).isEqualTo("yes");
            assertThat(book.getSheet("About").getRow(0).getCell(1).getStringCellValue()).isEqualTo(api.tenant);
        }
    }

    @Test
    void shouldExportTheStatementAsAPdf() throws Exception {
        byte[] pdf = export("pdf", "application/pdf");
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Statement of Applicability - " + api.tenant)
                    .contains("2 applicable, 1 excluded, 91 undecided, of 94 controls")
                    .contains("Policies for information security").contains("8.34").contains("ACME-01")
                    // the arrow is not in the font: shown as ?, the rest as written
                    .contains("Stolen laptops ? data loss");
            List<String> ids = new ArrayList<>();
            for (String line : text.split("\\R")) {
                String first = line.split(" ")[0];
                if (first.matches("[5-8]\\.\\d{1,2}") || first.equals("ACME-01")) {
                    ids.add(first);
                }
            }
            assertThat(ids).hasSize(94).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldExportTheImplementationStatusAsAValidOscalSystemSecurityPlan() throws Exception {
        byte[] oscal = export("oscal", "application/json");
        String json = new String(oscal, java.nio.charset.StandardCharsets.UTF_8);
        JsonSchemaContentValidator schema;
        try (InputStream in = OscalBindingContext.class.getResourceAsStream("/schema/json/oscal-ssp_schema.json")) {
            schema = new JsonSchemaContentValidator(in);
        }
        IValidationResult result = schema.validate(new JSONObject(json), URI.create("urn:test:ssp"));
        assertThat(result.getFindings()).as("OSCAL schema findings").isEmpty();

        JsonNode ssp = new ObjectMapper().readTree(json).path("system-security-plan");
        assertThat(ssp.path("metadata").path("oscal-version").asText()).isEqualTo("1.1.3");
        JsonNode requirements = ssp.path("control-implementation").path("implemented-requirements");
        assertThat(requirements).hasSize(94);
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        requirements.forEach(r -> byId.put(r.path("control-id").asText(), r));
        assertThat(byId.get("a.5.1").path("by-components").get(0).path("implementation-status").path("state").asText())
                .isEqualTo("implemented");
        assertThat(byId.get("a.7.1").path("by-components").get(0).path("implementation-status").path("state").asText())
                .isEqualTo("not-applicable");
        assertThat(byId.get("a.8.1").path("links").get(0).path("href").asText()).isEqualTo("/api/risks/" + risk);
        assertThat(byId.get("acme-01")).isNotNull();
        assertThat(byId.get("a.5.1").path("responsible-roles").get(0).path("party-uuids").get(0).asText())
                .isEqualTo(ssp.path("metadata").path("parties").get(0).path("uuid").asText());
        // a bad format is a 400
        api.viewer().get("/api/soa/export?format=docx").then().statusCode(400).body("detail", containsString("docx"));
    }

    private byte[] export(String format, String type) {
        return api.viewer().accept("*/*").get("/api/soa/export?format=" + format).then().statusCode(200)
                .contentType(containsString(type)).header("Content-Disposition", containsString("soa-current."))
                .extract().asByteArray();
    }

    private static Row row(Sheet sheet, String controlId) {
        for (Row r : sheet) {
            if (r.getRowNum() > 0 && controlId.equals(r.getCell(0).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no row of " + controlId);
    }
}
