package org.isms.platform.paging;

import io.quarkus.panache.common.Sort;
import java.util.Set;
import org.isms.platform.error.InvalidInputException;

/** A checked page request: bad values are a 400 that names the parameter, never a silent correction. */
public record PageRequest(int page, int size, String sortField, boolean descending) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public static PageRequest of(Integer page, Integer size, String sort, Set<String> sortable) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
        }
        String[] parts = sort.split(",");
        String field = parts[0].trim();
        if (!sortable.contains(field)) {
            throw new InvalidInputException("sort", "'" + field + "' cannot be sorted on; use one of "
                    + new java.util.TreeSet<>(sortable));
        }
        boolean desc = false;
        if (parts.length == 2) {
            String dir = parts[1].trim().toLowerCase();
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw new InvalidInputException("sort", "direction must be asc or desc");
            }
            desc = dir.equals("desc");
        } else if (parts.length > 2) {
            throw new InvalidInputException("sort", "use field or field,asc|desc");
        }
        return new PageRequest(p, s, field, desc);
    }

    /** The Panache sort, with the id as tie-breaker so pages are stable. */
    public Sort toSort() {
        Sort s = Sort.by(sortField, descending ? Sort.Direction.Descending : Sort.Direction.Ascending);
        return sortField.equals("id") ? s : s.and("id");
    }
}
