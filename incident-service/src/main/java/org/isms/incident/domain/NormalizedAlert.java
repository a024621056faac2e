package org.isms.incident.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One SIEM alert in our terms, whatever format it came in: which system sent it and its id there (together the
 * key it is kept once by), the rule that fired, its severity on our scale with the source's own value kept, when
 * it was first and last seen, the host names, IP addresses and user names it names (host names lower-case, IPs
 * canonical), ids the source gives the hosts (an agent id, a cloud resource id) and the document as received.
 */
public record NormalizedAlert(String format, String sourceSystem, String sourceAlertId, String ruleId,
        String ruleName, Severity severity, String originalSeverity, OffsetDateTime firstSeen,
        OffsetDateTime lastSeen, List<String> hosts, List<String> ips, List<String> users, List<String> hostIds,
        JsonNode raw) {

    /** The rule the alert is correlated on: its id, or its name when the source gives none. */
    public String ruleKey() {
        return ruleId != null ? ruleId : ruleName;
    }
}
