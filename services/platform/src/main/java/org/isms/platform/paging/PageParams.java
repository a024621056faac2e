package org.isms.platform.paging;

import org.jboss.resteasy.reactive.RestQuery;

/**
 * The paging query parameters of every list endpoint: {@code page} (from 0), {@code size} (1 to
 * {@link PageRequest#MAX_SIZE}) and {@code sort} ({@code field} or {@code field,asc|desc}). Take it
 * with {@code @BeanParam} and turn it into a {@link PageRequest} with the fields that may be sorted on.
 */
public class PageParams {
    @RestQuery
    public Integer page;

    @RestQuery
    public Integer size;

    @RestQuery
    public String sort;

    public PageRequest toRequest(String defaultSort, java.util.Set<String> sortable) {
        return PageRequest.of(page, size, sort == null || sort.isBlank() ? defaultSort : sort, sortable);
    }
}
