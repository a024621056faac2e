package org.isms.events.control;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A piece of evidence after a change: what it is (a file, with the SHA-256 of its current revision, or a link), the
 * controls it supports and the dates it is valid between.
 */
public record EvidenceSnapshot(UUID evidenceId, String title, String kind, String url, List<String> controlIds,
        LocalDate validFrom, LocalDate expiresAt, int revision, String fileName, String contentType, Long size,
        String sha256, long version) {
}
