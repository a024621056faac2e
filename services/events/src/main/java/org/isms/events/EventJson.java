package org.isms.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON mapping of event data. Unknown fields are ignored so that a consumer keeps working
 * when a producer adds a field to a version (adding is compatible; removing or renaming is a new
 * version). Times are ISO-8601 strings.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    public static JsonNode toTree(Object payload) {
        return payload instanceof JsonNode node ? node : MAPPER.valueToTree(payload);
    }

    public static <T> T fromTree(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data is not a valid " + type.getSimpleName() + ": "
                    + originalMessage(e), e);
        }
    }

    public static String write(JsonNode data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event data", e);
        }
    }

    public static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("event data is empty", null);
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("event data is not JSON", e);
        }
    }

    private EventJson() {
    }

    private static String originalMessage(Throwable e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }
}
