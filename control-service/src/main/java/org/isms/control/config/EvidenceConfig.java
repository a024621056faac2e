package org.isms.control.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Evidence uploads and the expiry job ({@code control.evidence.*}). */
@ConfigMapping(prefix = "control.evidence")
public interface EvidenceConfig {
    /** The largest file accepted, in bytes (the gateway's body limit is the outer bound). */
    @WithDefault("10485760")
    long maxBytes();

    /** How many days ahead "expiring" looks, for the list of evidence to renew. */
    @WithDefault("30")
    int expiringDays();

    /** How many expired pieces of evidence one run of the expiry job announces at most. */
    @WithDefault("100")
    int batch();
}
