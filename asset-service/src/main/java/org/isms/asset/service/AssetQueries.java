package org.isms.asset.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.domain.AssetStatus;
import org.isms.asset.domain.AssetType;
import org.isms.asset.domain.Identifiers;
import org.isms.asset.repository.AssetDependencyRepository;
import org.isms.asset.repository.AssetRepository;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.paging.ExportConfig;
import org.isms.platform.paging.KeysetPages;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.Where;

/** The inventory's reads: an asset, the list and its CSV export, the dependency graph, the history, alert matching. */
@ApplicationScoped
public class AssetQueries {
    private final AssetRepository assets;
    private final AssetDependencyRepository edges;
    private final AssetHistory history;
    private final int exportPage;

    public AssetQueries(AssetRepository assets, AssetDependencyRepository edges, AssetHistory history,
            ExportConfig export) {
        this.assets = assets;
        this.edges = edges;
        this.history = history;
        this.exportPage = export.pageSize();
    }

    /** The list filters; null means "any". {@code q} is matched in name, description and identifiers. */
    public record Filter(AssetType type, AssetStatus status, String owner, String tag, Integer minCriticality,
            Boolean personalData, String q) {
    }

    /** An asset of the dependency graph and how many edges away it is. */
    public record GraphNode(Asset asset, int depth) {
    }

    /** An asset with everything it depends on and everything that depends on it, transitively. */
    public record DependencyGraph(Asset asset, List<GraphNode> dependsOn, List<GraphNode> dependents) {
    }

    /** An asset an alert's identifiers point at, and which of them matched. */
    public record Match(Asset asset, List<String> matchedOn) {
    }

    /** One statement, no Hibernate session (the hottest read: {@link AssetRepository#details}). */
    public Uni<AssetDetails> get(String tenant, UUID id) {
        return assets.details(tenant, id).onItem().ifNull().failWith(() -> new ResourceNotFoundException("asset", id));
    }

    @WithSession
    public Uni<Page<AssetDetails>> list(String tenant, Filter filter, PageRequest request) {
        return assets.page(tenant, where(filter), request).chain(page -> edges
                .dependsOn(tenant, page.items().stream().map(a -> a.id).toList())
                .map(deps -> page.map(a -> new AssetDetails(a, deps.get(a.id)))));
    }

    /**
     * Every asset the filter selects, for the CSV export, in name order, a page at a time: each page is read in
     * a session of its own (keyset, after the last name and id), with the dependencies of its assets only, so
     * memory stays bounded at any size. The pages are not one snapshot: a change made during a long export
     * shows in the pages read after it.
     */
    public Multi<List<AssetDetails>> exportPages(String tenant, Filter filter) {
        Where where = where(filter); // here, not in the first page: a bad filter is a 400 before the stream starts
        return KeysetPages.<AssetDetails>of(last -> assets.pageAfter(tenant, where, "name",
                last == null ? null : last.asset().name, last == null ? null : last.asset().id, exportPage)
                .chain(list -> edges.dependsOn(tenant, list.stream().map(a -> a.id).toList())
                        .map(deps -> list.stream().map(a -> new AssetDetails(a, deps.get(a.id))).toList())));
    }

    @WithSession
    public Uni<DependencyGraph> dependencies(String tenant, UUID id) {
        return find(tenant, id).chain(a -> assets.supporting(tenant, id).chain(down -> assets.dependents(tenant, id)
                .chain(up -> {
                    Set<UUID> all = new HashSet<>(down.keySet());
                    all.addAll(up.keySet());
                    return assets.findAllInTenant(tenant, all).map(found -> {
                        Map<UUID, Asset> byId = found.stream().collect(Collectors.toMap(x -> x.id, x -> x));
                        return new DependencyGraph(a, nodes(down, byId), nodes(up, byId));
                    });
                })));
    }

    @WithSession
    public Uni<Page<AssetHistory.Entry>> history(String tenant, UUID id, PageRequest request) {
        return find(tenant, id).chain(a -> history.page(tenant, id, request));
    }

    /** The assets a host name, an IP address or an external id points at, most critical first. */
    @WithSession
    public Uni<List<Match>> match(String tenant, String host, String ip, String externalId) {
        if (blank(host) && blank(ip) && blank(externalId)) {
            throw new InvalidInputException("host", "give at least one of host, ip, externalId");
        }
        String hostname = null;
        Set<String> hostnames = new LinkedHashSet<>();
        if (!blank(host)) {
            hostname = Identifiers.hostname(host.strip());
            if (hostname == null) {
                throw new InvalidInputException("host", "'" + host + "' is not a host name");
            }
            hostnames.add(hostname);
            hostnames.add(Identifiers.shortName(hostname));
        }
        byte[] address = null;
        if (!blank(ip)) {
            address = Identifiers.ipAddress(ip.strip());
            if (address == null) {
                throw new InvalidInputException("ip", "'" + ip + "' is not an IP address");
            }
        }
        String external = blank(externalId) ? null : externalId.strip().toLowerCase(Locale.ROOT);
        String canonicalIp = address == null ? null : Identifiers.ipOrNetwork(ip.strip());
        byte[] ipBytes = address;
        return assets.match(tenant, hostnames, canonicalIp, external, 100).map(found -> found.stream().map(a -> {
            List<String> on = new ArrayList<>();
            for (String h : a.hostnames) {
                if (hostnames.contains(h)) {
                    on.add("hostname:" + h);
                }
            }
            if (ipBytes != null) {
                for (String n : a.ipAddresses) {
                    if (Identifiers.contains(n, ipBytes)) {
                        on.add("ipAddress:" + n);
                    }
                }
            }
            if (external != null && List.of(a.externalIds).contains(external)) {
                on.add("externalId:" + external);
            }
            return new Match(a, on);
        }).toList());
    }

    /** The tenant's asset, or 404. Joins the caller's session or transaction. */
    Uni<Asset> find(String tenant, UUID id) {
        return assets.findInTenant(tenant, id).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("asset", id));
    }

    /** The asset with what it depends on directly. Joins the caller's session or transaction. */
    Uni<AssetDetails> details(String tenant, Asset a) {
        return edges.dependsOn(tenant, List.of(a.id)).map(d -> new AssetDetails(a, d.get(a.id)));
    }

    private static Where where(Filter f) {
        if (f.minCriticality() != null && (f.minCriticality() < 1 || f.minCriticality() > 4)) {
            throw new InvalidInputException("minCriticality", "must be between 1 and 4");
        }
        // searchText is lower-case already (kept so by a trigger, V1 migration): no lower() to defeat its index
        return Where.of().eq("type", "type", f.type()).eq("status", "status", f.status())
                .eq("owner", "owner", f.owner()).arrayContains("tags", "tag", f.tag())
                .atLeast("criticality", "minCriticality", f.minCriticality())
                .eq("personalData", "personalData", f.personalData())
                .containsText("q", f.q(), "searchText");
    }

    private static List<GraphNode> nodes(Map<UUID, Integer> depths, Map<UUID, Asset> byId) {
        return depths.entrySet().stream().filter(e -> byId.containsKey(e.getKey()))
                .map(e -> new GraphNode(byId.get(e.getKey()), e.getValue())).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
