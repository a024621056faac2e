package org.isms.risk.service;

import java.util.List;
import org.isms.risk.domain.AssetProjection;
import org.isms.risk.domain.ResidualProposal;
import org.isms.risk.domain.Risk;

/**
 * A risk with the names of its assets and the residual its controls propose (null when its plan names none), as
 * the API shows it.
 */
public record RiskDetails(Risk risk, List<AssetProjection> assets, ResidualProposal proposal) {

    public RiskDetails(Risk risk, List<AssetProjection> assets) {
        this(risk, assets, null);
    }
}
