package org.isms.incident.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.domain.Severity;
import org.junit.jupiter.api.Test;

/**
 * Each of the five formats, read from samples written in the vendor's published shape (src/test/resources/siem,
 * each format's README section names the reference): the format detected, and the id, rule, severity, times, hosts,
 * addresses and users each normalizes to, including samples with only the fields the vendor always writes, and
 * documents that are no alert.
 */
class AlertFormatsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2030, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    static JsonNode sample(String path) {
        try (InputStream in = AlertFormatsTest.class.getResourceAsStream("/siem/" + path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sample read with the format detected, which must be {@code format}. */
    static NormalizedAlert read(String path, String format) {
        return read(sample(path), format);
    }

    static NormalizedAlert read(JsonNode doc, String format) {
        assertThat(AlertFormats.detect(doc).name()).isEqualTo(format);
        NormalizedAlert a = AlertFormats.parse(doc, null, RECEIVED);
        assertThat(AlertFormats.parse(doc, format, RECEIVED)).isEqualTo(a);
        assertThat(a.format()).isEqualTo(format);
        assertThat(a.raw()).isSameAs(doc);
        return a;
    }

    static void expect(NormalizedAlert a, String id, String ruleId, String ruleName, Severity severity,
            String first, String last, List<String> hosts, List<String> ips, List<String> users) {
        assertThat(a.sourceAlertId()).isEqualTo(id);
        assertThat(a.ruleId()).isEqualTo(ruleId);
        assertThat(a.ruleName()).isEqualTo(ruleName);
        assertThat(a.severity()).isEqualTo(severity);
        assertThat(a.firstSeen()).isEqualTo(OffsetDateTime.parse(first));
        assertThat(a.lastSeen()).isEqualTo(OffsetDateTime.parse(last));
        assertThat(a.hosts()).containsExactlyElementsOf(hosts);
        assertThat(a.ips()).containsExactlyElementsOf(ips);
        assertThat(a.users()).containsExactlyElementsOf(users);
    }

    @Test
    void shouldReadWazuhAlerts() {
        NormalizedAlert ssh = read("wazuh/sshd-brute-force.json", "wazuh");
        expect(ssh, "1705314153.4183922", "5763",
                "sshd: brute force trying to get access to the system. Authentication failed.", Severity.HIGH,
                "2024-01-15T10:22:33.123Z", "2024-01-15T10:22:33.123Z", List.of("web-01.acme.example"),
                List.of("10.20.1.15", "203.0.113.45"), List.of("jdoe"));
        assertThat(ssh.originalSeverity()).isEqualTo("rule.level=10");
        assertThat(ssh.sourceSystem()).startsWith("wazuh:");
        expect(read("wazuh/windows-logon-failure.json", "wazuh"), "1705315267.4211876", "60122",
                "Logon Failure - Unknown user or bad password", Severity.LOW, "2024-01-15T10:41:07.512Z",
                "2024-01-15T10:41:07.512Z", List.of("ws-0042"), List.of("10.20.3.42", "203.0.113.77"),
                List.of("administrator"));
        expect(read("wazuh/syscheck-file-modified.json", "wazuh"), "1705316568.4260117", "550",
                "Integrity checksum changed.", Severity.MEDIUM, "2024-01-15T11:02:48.906Z", "2024-01-15T11:02:48.906Z",
                List.of("db-01"), List.of("10.20.2.21"), List.of());
        // the fields Wazuh always writes, and no more: agent 000, the manager itself
        expect(read("wazuh/minimal.json", "wazuh"), "1705298412.1048", "502", "Wazuh server started.", Severity.INFO,
                "2024-01-15T06:00:12.044Z", "2024-01-15T06:00:12.044Z", List.of("wazuh-mgr.acme.example"), List.of(),
                List.of());
        // a cluster worker in CET: +0100 without a colon
        JsonNode two = sample("wazuh/array.json");
        expect(read(two.get(0), "wazuh"), "1705317234.918274", "5712",
                "sshd: brute force trying to get access to the system. Non existent user.", Severity.HIGH,
                "2024-01-15T11:13:54.380Z", "2024-01-15T11:13:54.380Z", List.of("web-01.acme.example"),
                List.of("10.20.1.15", "203.0.113.45"), List.of("administrator"));
        expect(read(two.get(1), "wazuh"), "1705317242.921630", "31168", "Shellshock attack detected",
                Severity.CRITICAL, "2024-01-15T11:14:02.771Z", "2024-01-15T11:14:02.771Z",
                List.of("web-01.acme.example"), List.of("10.20.1.15", "203.0.113.99"), List.of());
    }

    @Test
    void shouldReadElasticSecurityAlertsOfBothGenerations() {
        NormalizedAlert dotted = read("elastic/8x-dotted-query-rule.json", "elastic");
        // the alert's effective severity, not the rule's default (medium) or its risk score (47); fe80:: dropped
        expect(dotted, "3baa433a2d4425fc2cbee599c87fd9d3fc88f3d61f1ea30e838f778249e3bf9d",
                "957eef53-c7fa-409f-acec-71c8439ad796", "ACME - SSH Login to DMZ Host from External Address",
                Severity.HIGH, "2024-05-14T09:17:42.310Z", "2024-05-14T09:17:42.310Z",
                List.of("web-01.acme.example", "web-01"), List.of("10.20.1.15", "203.0.113.45"), List.of("jdoe"));
        assertThat(dotted.originalSeverity()).isEqualTo("high");
        expect(read("elastic/8x-nested-threshold-rule.json", "elastic"),
                "886ee87a68809a2b3c2d7ae0268575f584911f9914e197696f3bad784c55e5d2", "acme-bruteforce-db-hosts",
                "ACME - Brute Force against Database Host", Severity.MEDIUM, "2024-06-03T02:10:05.000Z",
                "2024-06-03T02:14:51.000Z", List.of("db-01"), List.of("203.0.113.77"), List.of());
        // only what every alert has: no rule_id (the uuid stands in), no host
        expect(read("elastic/8x-minimal.json", "elastic"),
                "1a4bfec517f3cb174933de7401ec67ed4073e3c29c09481947632c31836fb667",
                "0fb5e312-3e2e-48cd-987e-72585e0908a2", "ACME - Audit Log Collection Stopped", Severity.LOW,
                "2024-07-22T16:48:03.517Z", "2024-07-22T16:48:03.517Z", List.of(), List.of(), List.of());
        // 7.x without its _id (a webhook): an id from its rule, the events it came from and their time
        NormalizedAlert signal = read("elastic/7x-signal.json", "elastic");
        expect(signal, "d7d87d663979592dc66cd7ec2d4392c9493a8ddf8530a96ff63e838a87839348",
                "772c0b1d-b098-495c-9eba-77d3aaf5d63f", "ACME - PowerShell Outbound Connection to Uncommon Port",
                Severity.CRITICAL, "2022-02-08T13:44:19.512Z", "2022-02-08T13:44:19.512Z", List.of("ws-0042"),
                List.of("10.20.5.42", "203.0.113.200"), List.of("administrator"));
        assertThat(AlertFormats.parse(sample("elastic/7x-signal.json"), "elastic", RECEIVED.plusDays(1))
                .sourceAlertId()).as("the same id on every delivery").isEqualTo(signal.sourceAlertId());
        expect(read("elastic/7x-signal-search-hit.json", "elastic"),
                "14774297d8722fa9be0ea72350fbe633c098f7f6f070adfd98924037d06bb9e4",
                "d19f3ba7-d084-4ed7-88ae-e59ddeace2b2",
                "ACME - Password SSH Login to Database Host from External Address", Severity.MEDIUM,
                "2021-09-27T22:03:15.000Z", "2021-09-27T22:03:15.000Z", List.of("db-01"),
                List.of("10.20.2.10", "203.0.113.9"), List.of("jdoe"));
    }

    @Test
    void shouldReadOcsfDetectionAndIncidentFindings() {
        NormalizedAlert malware = read("ocsf/detection-finding-malware.json", "ocsf");
        expect(malware, "fen-det-7f3c2a9e-4b1d-4e8a-9c51-2d6e0b8a1f43", "FEN-MAL-0117",
                "Trojan dropper executed from user profile", Severity.HIGH, "2024-11-05T08:11:47Z",
                "2024-11-05T08:13:20.250Z", List.of("ws-0042"), List.of("10.20.3.42", "203.0.113.45"),
                List.of("jdoe"));
        assertThat(malware.sourceSystem()).isEqualTo("ocsf:Fennec EDR");
        assertThat(malware.originalSeverity()).isEqualTo("severity_id=4 (High)");
        // the attributes 1.1.0 requires, and no more: named by its title, seen at its time
        NormalizedAlert minimal = read("ocsf/detection-finding-minimal.json", "ocsf");
        expect(minimal, "kes-det-000123", null, "Outbound connection to newly registered domain", Severity.LOW,
                "2024-11-05T09:02:41.650Z", "2024-11-05T09:02:41.650Z", List.of(), List.of(), List.of());
        // severity_id 99 Other: the caption's word decides
        expect(read("ocsf/detection-finding-other-severity.json", "ocsf"), "kes-det-004711", "KES-CORR-0042",
                "Privileged account brute force (threshold)", Severity.HIGH, "2024-11-06T02:30:00Z",
                "2024-11-06T02:47:31.120Z", List.of("web-01.acme.example"), List.of("203.0.113.77", "10.20.1.15"),
                List.of("administrator"));
        expect(read("ocsf/detection-finding-fatal.json", "ocsf"), "fen-det-c41d0e77-2a65-4f0b-8e1a-93b7d5f26c08",
                "FEN-BEH-0309", "Mass file encryption (behavioural)", Severity.CRITICAL, "2024-11-07T21:05:12Z",
                "2024-11-07T21:19:44.300Z", List.of("db-01", "ws-0042"), List.of("10.20.2.10", "10.20.3.42"),
                List.of("administrator"));
        // an Incident Finding: entities only in its observables, its assignee no affected user
        expect(read("ocsf/incident-finding.json", "ocsf"), "KES-INC-2024-0815", null,
                "Ransomware intrusion: WS-0042 compromised via malicious attachment, lateral movement to db-01",
                Severity.CRITICAL, "2024-11-05T08:11:47Z", "2024-11-07T21:19:44.300Z", List.of("ws-0042", "db-01"),
                List.of("10.20.3.42", "10.20.2.10", "203.0.113.45"), List.of("jdoe", "administrator"));
    }

    @Test
    void shouldReadSplunkWebhooks() {
        NormalizedAlert basic = read("splunk/webhook-basic.json", "splunk");
        // no severity in the webhook or its row: null, the intake's default applies
        expect(basic, "scheduler__admin__search__RMD5c0ffee1234abcd56_at_1700000000_123:7c47db7117349ad4",
                "ACME - Excessive SSH Login Failures", "ACME - Excessive SSH Login Failures", null,
                "2023-11-14T22:10:00Z", "2023-11-14T22:10:00Z", List.of("web-01.acme.example"),
                List.of("203.0.113.45"), List.of("administrator"));
        // an ES notable: its event_id, the correlation search as rule, its host (the search head) left out
        NormalizedAlert notable = read("splunk/webhook-es-notable.json", "splunk");
        expect(notable, "5C1E0B7A-3D2F-4A6B-8E9C-0F1A2B3C4D5E@@notable@@9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b",
                "Access - Brute Force Access Behavior Detected - Rule", "Brute Force Access Behavior Detected",
                Severity.CRITICAL, "2023-11-14T21:20:00Z", "2023-11-14T22:15:00Z", List.of("db-01"),
                List.of("10.20.1.15", "10.20.2.30"), List.of("jdoe"));
        assertThat(notable.originalSeverity()).isEqualTo("urgency=critical");
        expect(read("splunk/webhook-minimal.json", "splunk"),
                "scheduler__admin__search__RMD5b16b00b5deadbeef_at_1700000000_7:2a72ba58c7fc1038",
                "ACME - Heartbeat Missing", "ACME - Heartbeat Missing", null, "2023-11-14T22:13:20.482Z",
                "2023-11-14T22:13:20.482Z", List.of(), List.of(), List.of());
        // multivalue fields come as arrays
        expect(read("splunk/webhook-multivalue.json", "splunk"),
                "scheduler__admin__search__RMD59f8e7d6c5b4a3921_at_1700000400_256:67f58005387cc4d9",
                "ACME - Password Spray from External IP", "ACME - Password Spray from External IP", Severity.HIGH,
                "2023-11-14T22:05:12.204Z", "2023-11-14T22:18:10.871Z",
                List.of("web-01.acme.example", "db-01", "ws-0042"),
                List.of("203.0.113.77", "10.20.1.15", "10.20.2.30", "10.20.3.42"), List.of("administrator", "jdoe"));
    }

    @Test
    void shouldReadSentinelIncidentsFromTheRestApiAndALogicApp() {
        // the REST resource has no entities: it matches no asset
        expect(read("sentinel/rest-incident.json", "sentinel"), "cee130a6-9840-403d-91c5-37f4c985059f",
                "4d000d3a-1ba9-4f88-8e96-f652d2d59b4e",
                "Possible lateral movement: administrator logon from WS-0042 to db-01", Severity.HIGH,
                "2025-09-12T21:47:03.21Z", "2025-09-12T22:05:41.6Z", List.of(), List.of(), List.of());
        NormalizedAlert trigger = read("sentinel/logic-app-incident-trigger.json", "sentinel");
        expect(trigger, "8f975376-03c3-44ab-995d-903d173a484e", "2a6e0ced-2f1d-4dfc-88d5-b9d1ae683b3b",
                "Brute force followed by successful logon", Severity.HIGH, "2025-09-14T02:11:37.117Z",
                "2025-09-14T02:26:04.903Z", List.of("web-01.acme.example"), List.of("203.0.113.45", "10.20.1.15"),
                List.of("jdoe"));
        assertThat(trigger.hostIds()).contains("b85be2f5-d4fc-46ba-87f8-7291a92b4da7");
        // no activity times: created stands in; no rule
        expect(read("sentinel/rest-incident-minimal.json", "sentinel"), "2123faeb-84ed-442f-bac1-40e13b4794f4", null,
                "Suspicious outbound traffic reported by helpdesk", Severity.LOW, "2025-09-15T08:03:44.5233333Z",
                "2025-09-15T08:03:44.5233333Z", List.of(), List.of(), List.of());
        expect(read("sentinel/rest-incident-informational.json", "sentinel"), "d883b5a4-d039-4539-91e5-c3cc2e18ba60",
                "baa3a430-26f0-4a71-a82f-fcf0aa2774d4", "Privileged account interactive logon on workstation",
                Severity.INFO, "2025-09-10T06:58:12Z", "2025-09-10T06:58:12Z", List.of(), List.of(), List.of());
    }

    @Test
    void shouldRefuseDocumentsThatAreNoAlert() {
        assertThatThrownBy(() -> AlertFormats.parse(JSON.createObjectNode().put("hello", "world"), null, RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("not an alert of a known format");
        assertThatThrownBy(() -> AlertFormats.parse(JSON.createArrayNode(), null, RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> AlertFormats.parse(sample("wazuh/minimal.json"), "qradar", RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("unknown alert format 'qradar'");
        // a Wazuh alert read as Splunk, an OCSF finding of another class, a time that is none
        assertThatThrownBy(() -> AlertFormats.parse(sample("wazuh/minimal.json"), "splunk", RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("sid");
        JsonNode other = sample("ocsf/detection-finding-minimal.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) other).put("class_uid", 4001);
        assertThatThrownBy(() -> AlertFormats.parse(other, "ocsf", RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("class_uid 4001");
        JsonNode badTime = sample("wazuh/minimal.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) badTime).put("timestamp", "yesterday");
        assertThatThrownBy(() -> AlertFormats.parse(badTime, null, RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("timestamp 'yesterday'");
        JsonNode noId = sample("sentinel/rest-incident.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noId).remove("name");
        assertThatThrownBy(() -> AlertFormats.parse(noId, null, RECEIVED))
                .isInstanceOf(UnreadableAlertException.class).hasMessageContaining("needs its id");
    }
}
