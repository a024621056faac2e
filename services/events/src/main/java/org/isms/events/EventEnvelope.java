package org.isms.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * One domain event as it travels: the CloudEvents 1.0 context attributes plus the {@code tenant}
 * extension, and the JSON data. On Kafka it is sent in binary mode: the attributes are
 * {@code ce_*} headers (see {@link CloudEventHeaders}), the data is the record value and the
 * subject (the aggregate id) is the record key.
 *
 * @param id      unique per event; consumers de-duplicate on it
 * @param type    {@code isms.<aggregate>.<verb-past>.v<N>}, one of {@link EventTypes}
 * @param source  the producing service, e.g. {@code /isms/asset-service}
 * @param subject the aggregate id; also the Kafka key, so one aggregate's events stay in order
 * @param time    when the change happened (the time of the state change, not of publishing)
 * @param tenant  the organization the aggregate belongs to
 * @param data    the payload, one of the records of this module serialized as JSON
 */
public record EventEnvelope(String id, String type, String source, String subject, OffsetDateTime time,
        String tenant, JsonNode data) {

    public EventEnvelope {
        requireText(id, "id");
        requireText(type, "type");
        requireText(source, "source");
        requireText(subject, "subject");
        requireText(tenant, "tenant");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /**
     * A new event with a fresh id. {@code time} is when the state change happened, read by the caller from
     * its clock (the same instant it stamps the change with); it is kept in UTC.
     */
    public static EventEnvelope of(String type, String source, String subject, String tenant, OffsetDateTime time,
            Object payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, source, subject,
                time.withOffsetSameInstant(ZoneOffset.UTC), tenant, EventJson.toTree(payload));
    }

    /** The data read as the payload record of this type. */
    public <T> T dataAs(Class<T> payloadType) {
        return EventJson.fromTree(data, payloadType);
    }

    /**
     * The data as the payload record of this type, for a consumer: a {@link MalformedEventException} naming this event
     * when there is none or it does not read as one (such an event can never be applied: it is dead-lettered).
     */
    public <T> T payload(Class<T> payloadType) {
        T value;
        try {
            value = dataAs(payloadType);
        } catch (RuntimeException e) {
            throw new MalformedEventException("event " + id + " (" + type + ") has unreadable data: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new MalformedEventException("event " + id + " (" + type + ") has no data", null);
        }
        return value;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("event " + name + " is required");
        }
    }
}
