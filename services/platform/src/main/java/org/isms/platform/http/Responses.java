package org.isms.platform.http;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The answers every register gives the same way: a record with its version as the ETag (which a change must
 * send back as If-Match, {@link Preconditions}), a created record with its Location, and a CSV export streamed as
 * an attachment.
 */
public final class Responses {
    /** RFC 4180 CSV, as exports produce and imports take it. */
    public static final String CSV = "text/csv";

    private Responses() {
    }

    /** 200 with the record and its version as the ETag. */
    public static Response tagged(Object view, long version) {
        return Response.ok(view).tag(String.valueOf(version)).build();
    }

    /** 201 with Location {@code location}, the record and its version as the ETag. */
    public static Response created(String location, Object view, long version) {
        return Response.created(URI.create(location)).tag(String.valueOf(version)).entity(view).build();
    }

    /**
     * A CSV export as the download {@code filename}, streamed as the lines come (a header, then page after page),
     * so memory stays bounded whatever the size of the register.
     */
    public static Multi<String> csv(String filename, Multi<String> lines) {
        return RestMulti.fromMultiData(lines).header("Content-Type", CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
