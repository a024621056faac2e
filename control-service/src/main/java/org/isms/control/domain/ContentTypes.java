package org.isms.control.domain;

import java.util.Locale;
import java.util.Map;

/**
 * The kinds of file accepted as evidence, and whether a file's first bytes are what its declared type says (a PDF
 * starts with {@code %PDF-}, an Office document is a ZIP): a file that claims one type and is another is refused,
 * so that a download is what it says it is. Plain text types have no signature; they must not hold NUL bytes.
 */
public final class ContentTypes {
    private static final Map<String, byte[]> SIGNATURES = Map.ofEntries(
            Map.entry("application/pdf", "%PDF-".getBytes()),
            Map.entry("image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }),
            Map.entry("image/jpeg", new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff }),
            Map.entry("application/zip", new byte[] { 'P', 'K', 3, 4 }),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new byte[] { 'P', 'K', 3, 4 }),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    new byte[] { 'P', 'K', 3, 4 }),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    new byte[] { 'P', 'K', 3, 4 }));
    private static final java.util.Set<String> TEXT = java.util.Set.of("text/plain", "text/csv", "application/json",
            "text/markdown");

    private ContentTypes() {
    }

    /** Every type accepted. */
    public static java.util.Set<String> accepted() {
        java.util.Set<String> all = new java.util.TreeSet<>(SIGNATURES.keySet());
        all.addAll(TEXT);
        return all;
    }

    /** The media type without parameters, lower-cased ({@code Text/Plain; charset=UTF-8} is {@code text/plain}). */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** Null when the bytes fit the type; otherwise why not. */
    public static String mismatch(String type, byte[] content) {
        if (type == null || type.isEmpty()) {
            return "say the file's type in Content-Type; one of " + accepted();
        }
        if (!accepted().contains(type)) {
            return "'" + type + "' is not accepted as evidence; send one of " + accepted();
        }
        byte[] signature = SIGNATURES.get(type);
        if (signature != null) {
            if (content.length < signature.length) {
                return "the file is too short to be " + type;
            }
            for (int k = 0; k < signature.length; k++) {
                if (content[k] != signature[k]) {
                    return "the file's content is not " + type;
                }
            }
            return null;
        }
        for (byte b : content) {
            if (b == 0) {
                return "a " + type + " file holds no NUL bytes; this one does (send binary files as their own type)";
            }
        }
        return null;
    }
}
