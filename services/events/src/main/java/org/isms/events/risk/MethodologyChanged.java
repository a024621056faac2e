package org.isms.events.risk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code isms.methodology.changed.v1} (subject: the tenant): a new version of the tenant's risk assessment
 * method; {@code definition} is the whole method (scales, matrix, appetite, review intervals, acceptance cap).
 */
public record MethodologyChanged(int version, JsonNode definition, String reason, int risksRerated, String by,
        String byId) {
}
