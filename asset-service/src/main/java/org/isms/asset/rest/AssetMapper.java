package org.isms.asset.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.isms.asset.domain.Asset;
import org.isms.asset.domain.AssetDraft;
import org.isms.asset.rest.AssetDtos.AssetIdentifiers;
import org.isms.asset.rest.AssetDtos.AssetRequest;
import org.isms.asset.rest.AssetDtos.AssetUpdate;
import org.isms.asset.rest.AssetDtos.AssetView;
import org.isms.asset.rest.AssetDtos.GraphNodeView;
import org.isms.asset.rest.AssetDtos.MatchView;
import org.isms.asset.rest.AssetDtos.Ratings;
import org.isms.asset.domain.AssetDetails;
import org.isms.asset.service.AssetQueries.GraphNode;
import org.isms.asset.service.AssetQueries.Match;
import org.isms.events.asset.Cia;

/** Between the wire (DTO records) and the domain; entities never leave this service. */
final class AssetMapper {
    private AssetMapper() {
    }

    static AssetDraft draft(AssetRequest r) {
        AssetIdentifiers ids = Optional.ofNullable(r.identifiers()).orElse(new AssetIdentifiers(null, null, null));
        return new AssetDraft(r.name(), r.type(), r.description(), r.owner(), r.custodian(), r.location(), r.tags(),
                r.status(), cia(r.classification()), Boolean.TRUE.equals(r.personalData()),
                Boolean.TRUE.equals(r.businessCritical()), ids.hostnames(), ids.ipAddresses(), ids.externalIds(),
                r.dependsOn(), r.reviewDate());
    }

    /** An update as a draft; its status and classification are not used. */
    static AssetDraft draft(AssetUpdate r) {
        AssetIdentifiers ids = Optional.ofNullable(r.identifiers()).orElse(new AssetIdentifiers(null, null, null));
        return new AssetDraft(r.name(), r.type(), r.description(), r.owner(), r.custodian(), r.location(), r.tags(),
                null, null, Boolean.TRUE.equals(r.personalData()), Boolean.TRUE.equals(r.businessCritical()),
                ids.hostnames(), ids.ipAddresses(), ids.externalIds(), r.dependsOn(), r.reviewDate());
    }

    static Cia cia(Ratings r) {
        return r == null ? null : new Cia(r.confidentiality(), r.integrity(), r.availability());
    }

    static Ratings ratings(Cia c) {
        return new Ratings(c.confidentiality(), c.integrity(), c.availability());
    }

    static AssetView view(AssetDetails d) {
        Asset a = d.asset();
        return new AssetView(a.id, a.name, a.type, a.description, a.owner, a.custodian, a.location, list(a.tags),
                a.status, a.status.next().stream().sorted().toList(), ratings(a.own()), ratings(a.effective()),
                a.criticality, a.personalData, a.businessCritical,
                new AssetIdentifiers(list(a.hostnames), list(a.ipAddresses), list(a.externalIds)),
                d.dependsOn(), a.reviewDate, a.createdBy, a.createdById, a.createdAt, a.updatedBy, a.updatedById,
                a.updatedAt, a.version);
    }

    static GraphNodeView node(Asset a, int depth) {
        return new GraphNodeView(a.id, a.name, a.type, a.status, depth, ratings(a.own()), ratings(a.effective()),
                a.criticality);
    }

    static GraphNodeView node(GraphNode n) {
        return node(n.asset(), n.depth());
    }

    static MatchView match(Match m) {
        Asset a = m.asset();
        return new MatchView(a.id, a.name, a.type, a.status, a.owner, a.criticality, ratings(a.effective()),
                m.matchedOn());
    }

    static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
