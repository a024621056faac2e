package org.isms.incident.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.isms.incident.domain.Incident;
import org.isms.incident.domain.Priority;
import org.isms.incident.domain.Severity;

/** The new alerts of one correlation key in a batch, and what became of them: the incident they join or open. */
final class CorrelationGroup {
    final String tenant;
    final String key;
    final UUID proposed = UUID.randomUUID();
    final List<Integer> members = new ArrayList<>();
    final Set<UUID> assets = new LinkedHashSet<>();
    final List<String> assetNames = new ArrayList<>();
    OffsetDateTime first;
    OffsetDateTime last;
    Severity severity = Severity.INFO;
    Priority priority = Priority.P4;
    boolean personalData;
    UUID incident;
    int inserted;
    UUID openingAlert;
    /** The incident it opened, as written (for its event: not read back). */
    Incident opened;

    CorrelationGroup(String tenant, String key) {
        this.tenant = tenant;
        this.key = key;
    }

    boolean opened() {
        return proposed.equals(incident);
    }
}
