package org.isms.incident.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The regulatory regimes an incident can be declared reportable under, the reports each asks for with their
 * deadlines, and the watch that announces them ({@code incident.clocks.*}): configuration, not code, so that a new
 * regime or a changed period is a setting. A report's {@code due} lists one or more {@code <anchor>+<period>} terms,
 * the earliest of which is the deadline ({@link org.isms.incident.domain.Deadlines}).
 */
@ConfigMapping(prefix = "incident.clocks")
public interface ClocksConfig {
    Map<String, Regime> regimes();

    /** How often the watch runs (a scheduler period, e.g. 60s; off: never, the tests run it themselves). */
    @WithDefault("60s")
    String every();

    /** How long before a deadline its approach is announced. */
    @WithDefault("PT2H")
    Duration warning();

    /** How many announcements one run of the watch makes at most. */
    @WithDefault("100")
    int batch();

    interface Regime {
        /** What the regime is, for people (e.g. "NIS2 significant incident, Directive (EU) 2022/2555 Art. 23"). */
        String title();

        /** Whether declaring it needs the time of classification as well as of awareness (DORA's "major"). */
        @WithDefault("false")
        boolean needsClassification();

        /** The reports in the order they are due. */
        List<Report> reports();
    }

    interface Report {
        /** The report's key, e.g. EARLY_WARNING. */
        String key();

        String title();

        /** The deadline terms, comma-separated, e.g. {@code CLASSIFICATION+PT4H,AWARENESS+PT24H}. */
        String due();
    }
}
