package org.isms.platform.http;

import java.util.Arrays;
import org.isms.platform.error.InvalidInputException;

/**
 * Parses filter parameters with a 400 that names the parameter and the allowed values. (JAX-RS would
 * answer a failed conversion of a query parameter with 404, which misleads a client.)
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** The enum constant named {@code value}, null when absent. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(param, "'" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** true or false, null when absent; anything else is a 400 (JAX-RS would read it as false). */
    public static Boolean booleanValue(String param, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInputException(param, "'" + value + "' is not true or false");
        };
    }

    /**
     * A free-text filter as a case-insensitive LIKE pattern matching it anywhere: lower-cased, with
     * {@code \ % _} escaped, for {@code lower(field) like :q escape '\'}.
     */
    public static String containsPattern(String q) {
        return "%" + q.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
