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
}
