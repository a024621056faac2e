package org.isms.risk.repository;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.arc.Unremovable;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How the values of the service's {@code jsonb} columns ({@code @JdbcTypeCode(SqlTypes.JSON)}: a risk's plan and
 * review reasons, a methodology version's definition) become JSON and back: Jackson, records by their components,
 * java.time as ISO-8601 strings, nulls written, an unknown property refused. The JSON the service wrote into these
 * columns while they were text, so every stored value reads back and a new one has the same shape.
 *
 * <p>A mapper of its own, not the REST one: that one is configured for what clients send (NUL characters refused,
 * among others), and Quarkus will not start with a customised REST mapper behind JSON columns (see
 * {@code quarkus.hibernate-orm.mapping.format.global}). Times keep the offset they were written with
 * ({@code ADJUST_DATES_TO_CONTEXT_TIME_ZONE} off, as in {@code EventJson}), so a value read back equals the value
 * written: Hibernate tells what changed by comparing the two, and a moved offset would write a risk a second time.
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
@Unremovable
public class JsonColumns implements FormatMapper {
    private final FormatMapper jackson = new JacksonJsonFormatMapper(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build());

    @Override
    public <T> T fromString(CharSequence json, JavaType<T> javaType, WrapperOptions options) {
        return jackson.fromString(json, javaType, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> javaType, WrapperOptions options) {
        return jackson.toString(value, javaType, options);
    }
}
