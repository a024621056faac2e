package org.isms.incident.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.isms.incident.config.ClocksConfig;
import org.isms.incident.domain.Deadlines;
import org.isms.platform.error.InvalidInputException;

/** The configured regimes, read and checked once at start: a term that is no term stops the service from starting. */
@ApplicationScoped
public class Regimes {
    private final Map<String, Deadlines.Regime> regimes = new TreeMap<>();

    public Regimes(ClocksConfig config) {
        config.regimes().forEach((name, r) -> {
            List<String[]> reports = new ArrayList<>();
            r.reports().forEach(p -> reports.add(new String[] { p.key(), p.title(), p.due() }));
            String key = name.toUpperCase(java.util.Locale.ROOT);
            regimes.put(key, Deadlines.regime(key, r.title(), r.needsClassification(), reports));
        });
    }

    public Collection<Deadlines.Regime> all() {
        return regimes.values();
    }

    /** The regime of that name, or a 400 naming the known ones. */
    public Deadlines.Regime named(String name) {
        Deadlines.Regime r = name == null ? null : regimes.get(name.strip().toUpperCase(java.util.Locale.ROOT));
        if (r == null) {
            throw new InvalidInputException("regime", "'" + name + "' is not a configured regime; known: "
                    + regimes.keySet());
        }
        return r;
    }

    /** The regime of that name, or null (one no longer configured). */
    public Deadlines.Regime find(String name) {
        return regimes.get(name);
    }
}
