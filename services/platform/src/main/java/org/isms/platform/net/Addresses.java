package org.isms.platform.net;

import io.netty.util.NetUtil;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host names and IP addresses as assets are identified by and SIEM alerts name them: host names lower-case without
 * a trailing dot (DNS names are case-insensitive, and SIEMs do not agree on case), IP addresses and CIDR networks
 * in canonical form, never a DNS lookup. asset-service checks an asset's identifiers with these, incident-service
 * an alert's, so that both sides of a match are written alike.
 */
public final class Addresses {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    private Addresses() {
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

}
