package org.isms.platform.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.isms.platform.error.PreconditionFailedException;
import org.isms.platform.error.PreconditionRequiredException;

/**
 * Optimistic locking over HTTP: the ETag of a resource is its version ({@code "3"}); a change must
 * send it back in If-Match (428 without it, 412 when it is not the current version).
 */
public final class Preconditions {
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

    private Preconditions() {
    }

    /** The version an If-Match header names; 428 when missing, 412 when it names none. */
    public static long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException();
        }
        Matcher m = ETAG.matcher(header.trim());
        if (!m.matches()) {
            throw new PreconditionFailedException("If-Match " + header.trim()
                    + " is not an ETag of this resource (they look like \"3\")");
        }
        return Long.parseLong(m.group(1));
    }

    /** 412 unless the version sent is the current one. */
    public static void requireVersion(String resource, long current, long sent) {
        if (current != sent) {
            throw new PreconditionFailedException(resource + " is at version " + current + ", not " + sent
                    + ": it was changed meanwhile; read it again");
        }
    }
}
