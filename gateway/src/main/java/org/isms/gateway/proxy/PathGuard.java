package org.isms.gateway.proxy;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.isms.http.HttpProblems;

/**
 * The gateway decides on the path it forwards, and forwards the path it decided on: a request path that is
 * not already in its normalized form is refused (400 problem+json) before any rule reads it. Refused are
 * encoded dot segments ({@code %2e}), encoded {@code /} and {@code \} ({@code %2f}, {@code %5c}), a literal
 * {@code \}, {@code ;} (path parameters), empty segments ({@code //}), dot segments ({@code /./}, {@code /../})
 * and any path whose normalized form (RFC 3986: dot segments removed, unreserved characters decoded) differs.
 * So {@code /api/siem/%2e%2e/assets} can never be matched by the {@code /api/siem} rule and reach
 * {@code /api/assets} upstream.
 */
final class PathGuard {
    private PathGuard() {
    }

    static void handle(RoutingContext rc) {
        String why = refusal(rc.request().path(), rc.normalizedPath());
        if (why != null) {
            HttpProblems.send(rc, 400, "malformed-request", "Malformed request", "the request path holds " + why
                    + "; send it in its normalized form");
            return;
        }
        rc.next();
    }

    /** Why a raw path is refused, or null when it is its own normalized form. */
    static String refusal(String raw, String normalized) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return "no absolute path";
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e")) {
            return "an encoded dot (%2e)";
        }
        if (lower.contains("%2f")) {
            return "an encoded slash (%2f)";
        }
        if (lower.contains("%5c")) {
            return "an encoded backslash (%5c)";
        }
        if (raw.indexOf('\\') >= 0) {
            return "a backslash";
        }
        if (raw.indexOf(';') >= 0) {
            return "a ';' (path parameters are not taken)";
        }
        if (raw.contains("//")) {
            return "an empty segment (//)";
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "a dot segment (" + segment + ")";
            }
        }
        if (!raw.equals(normalized)) {
            return "characters that normalize to another path (" + normalized + ")";
        }
        return null;
    }
}
