package org.isms.platform.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.isms.platform.http.QueryParams;

/**
 * The condition of a list query, built from the filters a caller gave: each filter adds one HQL clause and
 * its named parameter, an absent one (null, or a blank text) adds nothing. The clauses are joined with
 * {@code and}; {@link TenantRepository} adds the tenant. Parameter names are the builder's user's to choose
 * and must not be {@code tenant}, {@code afterValue} or {@code afterId}.
 */
public final class Where {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    public static Where of() {
        return new Where();
    }

    /** {@code field = :param}, when {@code value} is given; a text is stripped. */
    public Where eq(String field, String param, Object value) {
        return given(value) ? clause(field + " = :" + param, param, strip(value)) : this;
    }

    /** {@code field >= :param}, when {@code value} is given. */
    public Where atLeast(String field, String param, Object value) {
        return given(value) ? clause(field + " >= :" + param, param, value) : this;
    }

    /** The array column {@code field} contains {@code value}, when it is given. */
    public Where arrayContains(String field, String param, Object value) {
        return given(value) ? clause("array_contains(" + field + ", :" + param + ")", param, strip(value)) : this;
    }

    /**
     * Any of {@code fields} contains the text (case-insensitive, LIKE's wildcards taken literally), when it
     * is given. A field whose values are kept lower-case already can be named as is, others as
     * {@code lower(field)}.
     */
    public Where containsText(String param, String text, String... fields) {
        if (!given(text)) {
            return this;
        }
        List<String> any = new ArrayList<>();
        for (String field : fields) {
            any.add(field + " like :" + param + " escape '\\'");
        }
        return clause(any.size() == 1 ? any.get(0) : "(" + String.join(" or ", any) + ")", param,
                QueryParams.containsPattern(text));
    }

    /** A clause of the caller's own with one named parameter, always added. */
    public Where clause(String hql, String param, Object value) {
        clauses.add(hql);
        params.put(param, value);
        return this;
    }

    /** A clause without parameters, always added. */
    public Where clause(String hql) {
        clauses.add(hql);
        return this;
    }

    /** The clauses joined with {@code and}; empty when no filter was given. */
    public String hql() {
        return String.join(" and ", clauses);
    }

    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    private static boolean given(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    private static Object strip(Object value) {
        return value instanceof String s ? s.strip() : value;
    }
}
