package org.isms.gateway.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.isms.gateway.config.GatewayConfig;

/** The configured routes, longest prefix first; a prefix matches itself and every path below it. */
public final class RouteTable {
    /** One prefix of a route, with the service and the roles per kind of method. */
    public record Entry(String prefix, String service, List<String> readRoles, List<String> writeRoles) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }

        /** The roles that may use the method; empty = any authenticated caller. */
        public List<String> rolesFor(String method) {
            return READS.contains(method) ? readRoles : writeRoles;
        }
    }

    static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<Entry> entries;

    public RouteTable(GatewayConfig config) {
        List<Entry> all = new ArrayList<>();
        for (GatewayConfig.Route r : config.routes()) {
            if (!config.services().containsKey(r.service())) {
                throw new IllegalStateException("gateway route " + r.prefixes() + " names service " + r.service()
                        + ", which gateway.services does not have");
            }
            for (String p : r.prefixes()) {
                String prefix = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                all.add(new Entry(prefix, r.service(), r.readRoles().orElse(List.of()), r.writeRoles().orElse(List.of())));
            }
        }
        all.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        this.entries = List.copyOf(all);
    }

    /** The entry for a path, or null when no route has it. */
    public Entry find(String path) {
        for (Entry e : entries) {
            if (e.matches(path)) {
                return e;
            }
        }
        return null;
    }
}
