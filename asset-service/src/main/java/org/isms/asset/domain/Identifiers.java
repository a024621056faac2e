package org.isms.asset.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.net.Addresses;

/**
 * The rules for what an asset is matched on, and for its tags: each value trimmed and checked,
 * duplicates dropped, host names and external ids lower-cased (DNS names are case-insensitive, and
 * SIEMs do not agree on case), IP addresses in canonical form. Bad values are reported, not dropped.
 */
public final class Identifiers {
    public static final int MAX_VALUES = 50;
    // no control characters, and no ";": it separates the values of a list in a CSV cell
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl};]{1,200}");

    private Identifiers() {
    }

    /** The checked values of one list, with what was wrong added to {@code errors}. */
    public record Checked(List<String> values, List<FieldError> errors) {
    }

    public static Checked hostnames(List<String> values, String field) {
        return check(values, field, Identifiers::hostname);
    }

    public static Checked ipAddresses(List<String> values, String field) {
        return check(values, field, Identifiers::ipOrNetwork);
    }

    public static Checked externalIds(List<String> values, String field) {
        return check(values, field, v -> TEXT.matcher(v).matches() ? v.toLowerCase(Locale.ROOT) : null);
    }

    public static Checked tags(List<String> values, String field) {
        return check(values, field, v -> v.length() <= 50 && TEXT.matcher(v).matches() ? v : null);
    }

    /** A host name in lower case without a trailing dot, or null when it is not one. */
    public static String hostname(String value) {
        return Addresses.hostname(value);
    }

    /** The first label of a host name: {@code web01} for {@code web01.acme.local}. */
    public static String shortName(String hostname) {
        return Addresses.shortName(hostname);
    }

    /** An IP address or a CIDR network whose host bits are zero, in canonical form; null when it is neither. */
    public static String ipOrNetwork(String value) {
        return Addresses.ipOrNetwork(value);
    }

    /** The bytes of a literal IPv4 or IPv6 address (never a DNS lookup), or null. */
    public static byte[] ipAddress(String value) {
        return Addresses.ipAddress(value);
    }

    /** Whether an address or network in canonical form holds the address {@code ip}. */
    public static boolean contains(String addressOrNetwork, byte[] ip) {
        return Addresses.contains(addressOrNetwork, ip);
    }

    private static Checked check(List<String> values, String field, Function<String, String> rule) {
        Set<String> out = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        if (values == null) {
            return new Checked(List.of(), errors);
        }
        if (values.size() > MAX_VALUES) {
            errors.add(new FieldError(field, "at most " + MAX_VALUES + " values"));
            return new Checked(List.of(), errors);
        }
        for (int i = 0; i < values.size(); i++) {
            String raw = values.get(i);
            String v = raw == null ? null : raw.strip();
            String checked = v == null || v.isEmpty() ? null : rule.apply(v);
            if (checked == null) {
                errors.add(new FieldError(field + "[" + i + "]", "'" + raw + "' " + describe(field)));
            } else {
                out.add(checked);
            }
        }
        return new Checked(List.copyOf(out), errors);
    }

    private static String describe(String field) {
        if (field.endsWith("ipAddresses")) {
            return "is not an IP address or a CIDR network with its host bits zero (e.g. 10.0.0.0/8)";
        }
        if (field.endsWith("hostnames")) {
            return "is not a host name";
        }
        return "must be 1 to 200 characters (tags 50), without control characters or ';'";
    }
}
