package org.isms.risk.repository;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.type.descriptor.ValueBinder;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.jdbc.BasicBinder;
import org.hibernate.type.descriptor.jdbc.BasicExtractor;
import org.hibernate.type.descriptor.jdbc.JsonJdbcType;

/**
 * A {@code jsonb} column as the reactive PostgreSQL client reads and writes it: a JSON document (object or array)
 * travels as a Vert.x {@link JsonObject} or {@link JsonArray}, and {@link JsonColumns} maps it to and from the
 * attribute's Java type. Put with {@code @JdbcType(JsonbJdbcType.class)} next to {@code @JdbcTypeCode(SqlTypes.JSON)}
 * on an attribute.
 *
 * <p>Hibernate Reactive's own JSON type (3.2) takes every document for an object: a list (a JSON array, as
 * {@code Risk.reviewReasons} is) fails to bind ({@code DecodeException}) and to read ({@code ClassCastException}),
 * hibernate/hibernate-reactive#4156. This one binds and reads both.
 */
public class JsonbJdbcType extends JsonJdbcType {

    /** For {@code @JdbcType}: Hibernate creates it. */
    public JsonbJdbcType() {
        super(null);
    }

    @Override
    public String toString() {
        return "JsonbJdbcType";
    }

    @Override
    public <X> ValueBinder<X> getBinder(JavaType<X> javaType) {
        return new BasicBinder<>(javaType, this) {
            @Override
            protected void doBind(PreparedStatement st, X value, int index, WrapperOptions options)
                    throws SQLException {
                st.setObject(index, document(value, getJavaType(), options));
            }

            @Override
            protected void doBind(CallableStatement st, X value, String name, WrapperOptions options)
                    throws SQLException {
                st.setObject(name, document(value, getJavaType(), options));
            }
        };
    }

    @Override
    public <X> ValueExtractor<X> getExtractor(JavaType<X> javaType) {
        return new BasicExtractor<>(javaType, this) {
            @Override
            protected X doExtract(ResultSet rs, int paramIndex, WrapperOptions options) throws SQLException {
                return value(rs.getObject(paramIndex), getJavaType(), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, int index, WrapperOptions options) throws SQLException {
                return value(statement.getObject(index), getJavaType(), options);
            }

            @Override
            protected X doExtract(CallableStatement statement, String name, WrapperOptions options)
                    throws SQLException {
                return value(statement.getObject(name), getJavaType(), options);
            }
        };
    }

    /** The value as the client binds a jsonb parameter: an object, an array, or a JSON scalar. */
    private <X> Object document(X value, JavaType<X> javaType, WrapperOptions options) {
        String json = toString(value, javaType, options);
        String start = json.stripLeading();
        if (start.startsWith("[")) {
            return new JsonArray(json);
        }
        if (start.startsWith("{")) {
            return new JsonObject(json);
        }
        return Json.decodeValue(json);
    }

    /** The attribute's value of what the client read from a jsonb column (null for SQL NULL). */
    private <X> X value(Object read, JavaType<X> javaType, WrapperOptions options) throws SQLException {
        if (read == null) {
            return null;
        }
        String json = read instanceof JsonObject object ? object.encode()
                : read instanceof JsonArray array ? array.encode()
                : Json.encode(read);
        return fromString(json, javaType, options);
    }
}
