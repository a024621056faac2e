package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.isms.incident.domain.NormalizedAlert;

/** One SIEM's alert document, read into a {@link NormalizedAlert}; written against the vendor's field reference. */
public interface AlertFormat {

    /** Its name, as a client gives it ({@code ?format=} or the {@code X-Alert-Format} header): e.g. {@code wazuh}. */
    String name();

    /** Whether the document looks like one of this format (by the fields only it has). */
    boolean detects(JsonNode document);

    /**
     * The document as an alert; {@code receivedAt} stands in for times the document does not give.
     *
     * @throws UnreadableAlertException when it lacks what every alert of the format has, or has it unreadable
     */
    NormalizedAlert parse(JsonNode document, OffsetDateTime receivedAt);
}
