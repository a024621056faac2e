package org.isms.risk.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.isms.risk.domain.AssetProjection;
import org.isms.risk.domain.Methodology;
import org.isms.risk.domain.Risk;
import org.isms.risk.repository.AssetProjectionRepository;

/**
 * The impact a risk's assets suggest: the highest effective rating of its assets over the affected
 * properties (C, I, A), put on the methodology's impact scale. A proposal, shown next to the assessed
 * impact and used when an assessment gives none.
 */
@ApplicationScoped
public class ImpactProposals {
    private final AssetProjectionRepository assets;

    public ImpactProposals(AssetProjectionRepository assets) {
        this.assets = assets;
    }

    /** The projections of the risks' assets, by id. */
    public Uni<Map<UUID, AssetProjection>> assetsOf(String tenant, Collection<Risk> risks) {
        Set<UUID> ids = new HashSet<>();
        risks.forEach(r -> ids.addAll(r.assets()));
        return assets.findAllInTenant(tenant, ids)
                .map(list -> list.stream().collect(Collectors.toMap(a -> a.assetId, Function.identity())));
    }

    public Integer propose(Methodology m, Risk r, Map<UUID, AssetProjection> byId) {
        return propose(m, List.of(r.cia), r.assets().stream().map(byId::get).filter(a -> a != null).toList());
    }

    public static Integer propose(Methodology m, List<String> cia, List<AssetProjection> assets) {
        int highest = 0;
        for (AssetProjection a : assets) {
            for (String p : cia) {
                highest = Math.max(highest, switch (p) {
                    case "C" -> a.confidentiality;
                    case "I" -> a.integrity;
                    default -> a.availability;
                });
            }
        }
        return highest == 0 ? null : m.impactFor(highest);
    }
}
