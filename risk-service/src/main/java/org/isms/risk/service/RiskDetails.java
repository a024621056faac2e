package org.isms.risk.service;

import java.util.List;
import org.isms.risk.domain.AssetProjection;
import org.isms.risk.domain.Risk;

/** A risk with the names of its assets, as the API shows it. */
public record RiskDetails(Risk risk, List<AssetProjection> assets) {
}
