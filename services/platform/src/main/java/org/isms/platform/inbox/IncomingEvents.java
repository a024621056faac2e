package org.isms.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.isms.events.CloudEventHeaders;
import org.isms.events.EventEnvelope;
import org.isms.events.EventJson;
import org.isms.events.MalformedEventException;

/**
 * Reads a Kafka record written in CloudEvents binary mode back into an {@link EventEnvelope}. A record
 * that lacks an attribute or whose data is not JSON is a {@link MalformedEventException}: the consumer
 * lets it fail, and the channel's dead-letter strategy moves it to the service's DLQ with the reason.
 */
public final class IncomingEvents {
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
        try {
            return new EventEnvelope(require(record, CloudEventHeaders.ID), require(record, CloudEventHeaders.TYPE),
                    require(record, CloudEventHeaders.SOURCE), require(record, CloudEventHeaders.SUBJECT), time,
                    require(record, CloudEventHeaders.TENANT), EventJson.read(record.value()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage(), e);
        }
    }

    private static String require(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("header " + name + " is missing", null);
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
