package org.isms.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.isms.events.CloudEventHeaders;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;
import org.isms.events.MalformedEventException;
import org.isms.platform.tenancy.TenantFilter;

/**
 * Reads a Kafka record written in CloudEvents binary mode back into an {@link EventEnvelope}. A record
 * that lacks an attribute or whose data is not JSON is a {@link MalformedEventException}: the consumer
 * lets it fail, and the channel's dead-letter strategy moves it to the service's DLQ with the reason.
 * <p>
 * So is a record no consumer could ever store, which would otherwise fail in the database on every retry
 * and hold its partition forever: data that is not a JSON object, a NUL character anywhere (PostgreSQL's
 * text cannot hold one), a {@code ce_time} outside the years 1 to 9999, a tenant that is not a tenant id
 * (what the HTTP edge accepts), an id or subject longer than {@value #MAX_ID} characters.
 */
public final class IncomingEvents {
    /** The longest event id and subject taken (ours are UUIDs; an index entry has a size limit). */
    static final int MAX_ID = 200;

    private IncomingEvents() {
    }

    public static EventEnvelope read(ConsumerRecord<String, String> record) {
        String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new MalformedEventException("not a CloudEvents 1.0 record (ce_specversion=" + specVersion + ")",
                    null);
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(require(record, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 time", e);
        }
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new MalformedEventException("ce_time " + time + " is outside the years 1 to 9999", null);
        }
        String tenant = require(record, CloudEventHeaders.TENANT);
        if (!TenantFilter.isTenantId(tenant)) {
            throw new MalformedEventException("ce_tenant is not a tenant id (lower-case letters, digits and '-',"
                    + " at most 63)", null);
        }
        String id = requireId(record, CloudEventHeaders.ID);
        String subject = requireId(record, CloudEventHeaders.SUBJECT);
        JsonNode data = EventJson.read(record.value());
        if (!data.isObject()) {
            throw new MalformedEventException("event data is not a JSON object but " + data.getNodeType(), null);
        }
        if (hasNul(data)) {
            throw new MalformedEventException("event data contains a NUL character", null);
        }
        try {
            return new EventEnvelope(id, require(record, CloudEventHeaders.TYPE),
                    require(record, CloudEventHeaders.SOURCE), subject, time, tenant, data);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
    }

    private static String requireId(ConsumerRecord<String, String> record, String name) {
        String value = require(record, name);
        if (value.length() > MAX_ID) {
            throw new MalformedEventException("header " + name + " is longer than " + MAX_ID + " characters", null);
        }
        return value;
    }

    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().indexOf('\0') >= 0 || hasNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String require(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("header " + name + " is missing", null);
        }
        if (value.indexOf('\0') >= 0) {
            throw new MalformedEventException("header " + name + " contains a NUL character", null);
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
