package org.isms.asset.domain;

import io.netty.util.NetUtil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.isms.platform.error.Problem.FieldError;

/**
 * The rules for what an asset is matched on, and for its tags: each value trimmed and checked,
 * duplicates dropped, host names and external ids lower-cased (DNS names are case-insensitive, and
 * SIEMs do not agree on case), IP addresses in canonical form. Bad values are reported, not dropped.
 */
public final class Identifiers {
    public static final int MAX_VALUES = 50;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
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
        String v = value.toLowerCase(Locale.ROOT);
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 253) {
            return null;
        }
        for (String label : v.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return v;
    }

    /** The first label of a host name: {@code web01} for {@code web01.acme.local}. */
    public static String shortName(String hostname) {
        int dot = hostname.indexOf('.');
        return dot < 0 ? hostname : hostname.substring(0, dot);
    }

    /**
     * An IPv4 or IPv6 address, or a network in CIDR notation whose host bits are zero, in canonical
     * form; null when it is neither.
     */
    public static String ipOrNetwork(String value) {
        String address = value;
        Integer prefix = null;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            address = value.substring(0, slash);
            String p = value.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(p);
        }
        byte[] bytes = ipAddress(address);
        if (bytes == null) {
            return null;
        }
        int bits = bytes.length * 8;
        if (prefix != null && (prefix > bits || !hostBitsZero(bytes, prefix))) {
            return null;
        }
        String canonical = NetUtil.bytesToIpAddress(bytes);
        return prefix == null || prefix == bits ? canonical : canonical + "/" + prefix;
    }

    /** The bytes of a literal IPv4 or IPv6 address (never a DNS lookup), or null. */
    public static byte[] ipAddress(String value) {
        if (value.isEmpty() || value.contains("%")) {
            return null;
        }
        return NetUtil.createByteArrayFromIpAddressString(value);
    }

    /** Whether an address or network in canonical form holds the address {@code ip}. */
    public static boolean contains(String addressOrNetwork, byte[] ip) {
        int slash = addressOrNetwork.indexOf('/');
        byte[] network = ipAddress(slash < 0 ? addressOrNetwork : addressOrNetwork.substring(0, slash));
        if (network == null || network.length != ip.length) {
            return false;
        }
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(addressOrNetwork.substring(slash + 1));
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (ip[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostBitsZero(byte[] bytes, int prefix) {
        int bits = bytes.length * 8;
        BigInteger address = new BigInteger(1, bytes);
        return prefix == bits || address.getLowestSetBit() >= bits - prefix || address.signum() == 0;
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
