package org.isms.control.domain;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;

/**
 * What a user gives of a piece of evidence, to record it or change it: its rules (a link needs a web address, a file
 * has none, the dates in order), what it would change of a piece of evidence, and the change itself.
 */
public record EvidenceDraft(String title, Evidence.Kind kind, String url, String description, List<String> controlIds,
        LocalDate validFrom, LocalDate expiresAt) {

    /** 400 naming every fault. */
    public void requireValid() {
        List<FieldError> faults = new ArrayList<>();
        if (kind == Evidence.Kind.LINK) {
            if (!webAddress(url)) {
                faults.add(new FieldError("url", "a link needs an http or https address", null));
            }
        } else if (url != null && !url.isBlank()) {
            faults.add(new FieldError("url", "a FILE has no url; its revisions are uploaded", null));
        }
        if (validFrom != null && expiresAt != null && expiresAt.isBefore(validFrom)) {
            faults.add(new FieldError("expiresAt", "must not be before validFrom", null));
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the evidence is not valid: " + faults.get(0).field() + " "
                    + faults.get(0).message(), faults);
        }
    }

    /** The fields of {@code e} this draft changes. */
    public List<String> changesTo(Evidence e) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(e.title, title.strip())) {
            changed.add("title");
        }
        if (!Objects.equals(e.url, text(url))) {
            changed.add("url");
        }
        if (!Objects.equals(e.description, text(description))) {
            changed.add("description");
        }
        if (!new LinkedHashSet<>(e.controls()).equals(new LinkedHashSet<>(controls()))) {
            changed.add("controlIds");
        }
        if (!Objects.equals(e.validFrom, validFrom)) {
            changed.add("validFrom");
        }
        if (!Objects.equals(e.expiresAt, expiresAt)) {
            changed.add("expiresAt");
        }
        return changed;
    }

    /** Makes {@code e} what the draft says; a new expiry date is announced again when it passes. */
    public void applyTo(Evidence e) {
        e.title = title.strip();
        e.url = text(url);
        e.description = text(description);
        e.controlIds = controls().toArray(String[]::new);
        if (!Objects.equals(e.expiresAt, expiresAt)) {
            e.expiryAnnounced = null;
        }
        e.validFrom = validFrom;
        e.expiresAt = expiresAt;
    }

    private List<String> controls() {
        return List.copyOf(new LinkedHashSet<>(controlIds.stream().map(String::strip).toList()));
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean webAddress(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return false;
        }
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
