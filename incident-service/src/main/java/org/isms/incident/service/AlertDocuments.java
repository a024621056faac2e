package org.isms.incident.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.isms.events.EventJson;
import org.isms.events.MalformedEventException;
import org.isms.incident.domain.NormalizedAlert;
import org.isms.incident.siem.AlertFormats;
import org.isms.incident.siem.UnreadableAlertException;

/**
 * A body as a SIEM sends it — one alert document, or a JSON array of them — read into normalized alerts, each
 * element's failure kept with its position, so a webhook can answer every one and a Kafka record that is partly bad
 * still delivers its good alerts.
 */
public final class AlertDocuments {
    private AlertDocuments() {
    }

    /** What is wrong where: {@code body}, or {@code [3]} for the fourth element of an array. */
    public record Fault(String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    /**
     * The alerts read, and what was wrong with the others; {@code single}: the body was one alert document (not an
     * array), whose text can be kept as it came.
     */
    public record Read(List<NormalizedAlert> alerts, List<Fault> errors, boolean single) {
        public boolean clean() {
            return errors.isEmpty();
        }

        public String describe() {
            return String.join("; ", errors.stream().map(Fault::toString).toList());
        }
    }

    /**
     * Reads the body as {@code format} (null: each element detected). Not JSON, or an array longer than
     * {@code max}, is one error for the whole body.
     */
    public static Read read(String body, String format, int max, OffsetDateTime receivedAt) {
        JsonNode doc;
        try {
            doc = body == null || body.isBlank() ? null : EventJson.read(body);
        } catch (MalformedEventException e) {
            return new Read(List.of(), List.of(new Fault("body", "not JSON")), false);
        }
        if (doc == null) {
            return new Read(List.of(), List.of(new Fault("body", "empty: send one alert (a JSON object) or an array of them")), false);
        }
        List<JsonNode> elements = new ArrayList<>();
        if (doc.isArray()) {
            if (doc.size() > max) {
                return new Read(List.of(), List.of(new Fault("body", "at most " + max + " alerts at once, not " + doc.size())), false);
            }
            doc.forEach(elements::add);
        } else {
            elements.add(doc);
        }
        List<NormalizedAlert> alerts = new ArrayList<>();
        List<Fault> errors = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            try {
                alerts.add(AlertFormats.parse(elements.get(i), format, receivedAt));
            } catch (UnreadableAlertException e) {
                errors.add(new Fault(doc.isArray() ? "[" + i + "]" : "alert", e.getMessage()));
            }
        }
        return new Read(alerts, errors, !doc.isArray());
    }
}
