package org.isms.incident.siem;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading alert documents by path. A path {@code a.b.c} finds {@code {"a":{"b":{"c":…}}}}, the flattened
 * {@code {"a.b.c":…}} Elasticsearch stores alerts in, and any mix of the two; an array met on the way is walked
 * element by element ({@code evidences.src_endpoint.ip} finds the address of every evidence).
 */
final class Json {
    /** ISO-8601 with an offset written {@code Z}, {@code +01:00} or {@code +0100} (Wazuh), fractions of any length. */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();
    private static final long MAX_EPOCH_SECONDS = 253402300799L; // 9999-12-31T23:59:59Z

    private Json() {
    }

    /** Every value at the path, arrays flattened. */
    static List<JsonNode> all(JsonNode node, String path) {
        List<JsonNode> out = new ArrayList<>();
        collect(node, path, out);
        return out;
    }

    private static void collect(JsonNode node, String path, List<JsonNode> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, path, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode whole = node.get(path);
        if (whole != null) {
            add(whole, out);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            JsonNode head = node.get(path.substring(0, dot));
            if (head != null) {
                collect(head, path.substring(dot + 1), out);
            }
        }
    }

    private static void add(JsonNode value, List<JsonNode> out) {
        if (value.isArray()) {
            value.forEach(v -> add(v, out));
        } else if (!value.isNull()) {
            out.add(value);
        }
    }

    /** The first value at the path, or null. */
    static JsonNode first(JsonNode node, String path) {
        List<JsonNode> values = all(node, path);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The first non-blank text (or number, as text) at any of the paths, in their order; null if none. */
    static String text(JsonNode node, String... paths) {
        for (String path : paths) {
            for (JsonNode v : all(node, path)) {
                String t = scalar(v);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The first of the values that is not null, or null. */
    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Every non-blank text (or number, as text) at the paths, in their order. */
    static List<String> texts(JsonNode node, String... paths) {
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            for (JsonNode v : all(node, path)) {
                String t = scalar(v);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static String scalar(JsonNode v) {
        if (v.isTextual()) {
            String t = v.textValue().strip();
            return t.isEmpty() ? null : t;
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        return null;
    }

    /** An ISO-8601 time with an offset (a local time is taken as UTC); unreadable is an error naming the field. */
    static OffsetDateTime isoTime(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            var parsed = TIME.parseBest(value, OffsetDateTime::from, java.time.LocalDateTime::from);
            OffsetDateTime t = parsed instanceof OffsetDateTime o ? o
                    : ((java.time.LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            t = t.withOffsetSameInstant(ZoneOffset.UTC);
            if (t.getYear() < 1970 || t.getYear() > 9999) {
                throw new UnreadableAlertException(field + " '" + value + "' is outside the years 1970 to 9999");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new UnreadableAlertException(field + " '" + value + "' is not an ISO-8601 time");
        }
    }

    /** Seconds since the epoch, with any fraction ("1700000000.123"); unreadable is an error naming the field. */
    static OffsetDateTime epochSeconds(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal s = new BigDecimal(value);
            if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECONDS)) > 0) {
                throw new NumberFormatException();
            }
            long whole = s.longValue();
            long nanos = s.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), ZoneOffset.UTC);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UnreadableAlertException(field + " '" + value + "' is not a time in seconds since 1970");
        }
    }

    /** Milliseconds since the epoch (OCSF's timestamp_t); unreadable is an error naming the field. */
    static OffsetDateTime epochMillis(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            long ms = new BigDecimal(value).longValueExact();
            if (ms < 0 || ms / 1000 > MAX_EPOCH_SECONDS) {
                throw new NumberFormatException();
            }
            return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UnreadableAlertException(field + " '" + value + "' is not a time in milliseconds since 1970");
        }
    }
}
