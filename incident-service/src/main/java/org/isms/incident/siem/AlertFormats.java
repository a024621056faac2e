package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.isms.incident.domain.NormalizedAlert;

/**
 * The five formats the intake reads, and which one a document is in: the one the client names, or else the first
 * whose distinctive fields the document has, tried from the most specific (Sentinel's resource type, OCSF's class)
 * to the least (Wazuh's rule level and agent).
 */
public final class AlertFormats {
    private static final List<AlertFormat> FORMATS = List.of(new SentinelIncident(), new OcsfFinding(),
            new ElasticSecurity(), new SplunkWebhook(), new WazuhAlert());
    public static final List<String> NAMES = FORMATS.stream().map(AlertFormat::name).toList();

    private AlertFormats() {
    }

    /** The format named (any case); an unknown name is an error naming the known ones. */
    public static AlertFormat named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return FORMATS.stream().filter(f -> f.name().equals(n)).findFirst().orElseThrow(
                () -> new UnreadableAlertException("unknown alert format '" + name + "'; known: " + NAMES));
    }

    /** The document as an alert, read as {@code format} (null: detected). */
    public static NormalizedAlert parse(JsonNode document, String format, OffsetDateTime receivedAt) {
        if (document == null || !document.isObject()) {
            throw new UnreadableAlertException("an alert is a JSON object");
        }
        AlertFormat f = format == null || format.isBlank() ? detect(document) : named(format);
        return f.parse(document, receivedAt);
    }

    static AlertFormat detect(JsonNode document) {
        return FORMATS.stream().filter(f -> f.detects(document)).findFirst().orElseThrow(
                () -> new UnreadableAlertException("not an alert of a known format (" + String.join(", ", NAMES)
                        + "); name the format with ?format= or the X-Alert-Format header if it is one"));
    }
}
