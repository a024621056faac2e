package org.isms.incident.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.isms.incident.domain.Severity;

/**
 * What the intake does with alerts ({@code incident.intake.*}): which open incidents, how repeats join them, how many
 * one request may carry, and the priority matrix.
 */
@ConfigMapping(prefix = "incident.intake")
public interface IntakeConfig {
    /** Alerts below this severity are kept (deduplicated, matched) but open no incident. */
    @WithDefault("MEDIUM")
    Severity minSeverity();

    /**
     * Rules whose alerts are kept but never open an incident, each {@code <source system>:<rule id>} (e.g.
     * {@code wazuh:5402}) or {@code *:<rule id>} for any source.
     */
    Optional<List<String>> ignoredRules();

    /** How long after an incident's last alert a repeat of the same rule on the same assets still joins it. */
    @WithDefault("PT1H")
    Duration window();

    /** The most alerts one webhook request may carry (an array); more is a 400. */
    @WithDefault("500")
    int maxAlertsPerRequest();

    /** The severity of an alert whose source gives none (a Splunk saved search without a severity field). */
    @WithDefault("MEDIUM")
    Severity defaultSeverity();

    /**
     * The priority matrix: for each severity, the priority for asset criticality 1, 2, 3 and 4 (comma-separated).
     * An incident's priority is the matrix's value for its severity and its most critical matched asset.
     */
    Map<String, String> priority();

    /** The criticality assumed for an alert that matches no asset (1 to 4). */
    @WithDefault("2")
    int unmatchedCriticality();
}
