package org.isms.control.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.isms.control.config.EvidenceConfig;
import org.isms.control.domain.ContentTypes;
import org.isms.control.domain.ControlChange;
import org.isms.control.domain.Evidence;
import org.isms.control.domain.EvidenceDraft;
import org.isms.control.domain.EvidenceRevision;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlChangeRepository;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.control.repository.EvidenceRepository;
import org.isms.platform.error.ForbiddenActionException;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.paging.Where;
import org.isms.platform.security.Roles;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * Evidence of the tenant's controls: recorded (a link, or a file uploaded as revisions that are all kept), changed,
 * listed (by control, expiring soon, expired), downloaded with its hash ({@link EvidenceExpiry} announces expiries).
 * Security officers and admins record evidence for any control, a risk owner for controls they own.
 */
@ApplicationScoped
public class EvidenceService {
    /** The list's filters; null filters nothing. */
    public record Filter(String controlId, Boolean expiring, Boolean expired) {
    }

    /** A piece of evidence and its revisions. */
    public record Details(Evidence evidence, List<EvidenceRevision> revisions) {
    }

    /** A revision's bytes and facts. */
    public record Content(EvidenceRevision revision, byte[] bytes) {
    }

    private final ControlQueries queries;
    private final EvidenceRepository evidence;
    private final ControlImplementationRepository implementations;
    private final ControlChangeRepository changes;
    private final ControlEvents events;
    private final EvidenceConfig config;
    private final Clock clock;

    public EvidenceService(ControlQueries queries, EvidenceRepository evidence,
            ControlImplementationRepository implementations, ControlChangeRepository changes, ControlEvents events,
            EvidenceConfig config, Clock clock) {
        this.queries = queries;
        this.evidence = evidence;
        this.implementations = implementations;
        this.changes = changes;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Details> create(Caller by, EvidenceDraft d) {
        d.requireValid();
        return requireControls(by, d.controlIds()).chain(() -> {
            Evidence e = new Evidence();
            e.tenantId = by.tenant();
            e.id = UUID.randomUUID();
            d.applyTo(e);
            e.kind = d.kind();
            e.markCreated(by, Clocks.now(clock));
            return evidence.persist(e).chain(() -> evidence.flush())
                    .chain(() -> history(by, e.controls(), "evidence '" + e.title + "' recorded"))
                    .chain(() -> events.evidenceAdded(e, null, by)).replaceWith(new Details(e, List.of()));
        });
    }

    @WithTransaction
    public Uni<Details> update(Caller by, UUID id, long version, EvidenceDraft d) {
        return found(by.tenant(), id).chain(e -> {
            Preconditions.requireVersion("evidence " + id, e.version, version);
            if (d.kind() != e.kind) {
                throw new InvalidInputException("kind", "a piece of evidence stays " + e.kind + "; record a new one");
            }
            d.requireValid();
            return requireControls(by, e.controls()).chain(() -> requireControls(by, d.controlIds())).chain(() -> {
                List<String> before = e.controls();
                List<String> changed = d.changesTo(e);
                if (changed.isEmpty()) {
                    return evidence.revisions(by.tenant(), id).map(r -> new Details(e, r));
                }
                d.applyTo(e);
                e.markUpdated(by, Clocks.now(clock));
                List<String> touched = List.copyOf(new LinkedHashSet<>(concat(before, e.controls())));
                return evidence.flush()
                        .chain(() -> history(by, touched, "evidence '" + e.title + "' changed: " + String.join(", ",
                                changed)))
                        .chain(() -> evidence.revision(e.tenantId, e.id, e.revision))
                        .chain(current -> events.evidenceChanged(e, current, changed, before, by))
                        .chain(() -> evidence.revisions(by.tenant(), id)).map(r -> new Details(e, r));
            });
        });
    }

    /** Uploads a file as the evidence's next revision (the earlier ones stay). */
    @WithTransaction
    public Uni<Details> upload(Caller by, UUID id, String fileName, String contentType, byte[] content) {
        String type = ContentTypes.essence(contentType);
        List<FieldError> faults = new ArrayList<>();
        if (content == null || content.length == 0) {
            faults.add(new FieldError("body", "the file is empty", null));
        } else if (content.length > config.maxBytes()) {
            faults.add(new FieldError("body", "the file has " + content.length + " bytes; at most " + config.maxBytes()
                    + " are accepted", null));
        } else {
            String mismatch = ContentTypes.mismatch(type, content);
            if (mismatch != null) {
                faults.add(new FieldError("Content-Type", mismatch, null));
            }
        }
        String name = fileName == null ? "" : fileName.strip();
        if (name.isEmpty() || name.length() > 200 || name.contains("/") || name.contains("\\")
                || name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            faults.add(new FieldError("filename", "give the file's name (1 to 200 characters, no path)", null));
        }
        if (!faults.isEmpty()) {
            throw new InvalidInputException("the file cannot be evidence: " + faults.get(0).field() + " "
                    + faults.get(0).message(), faults);
        }
        // the row locked: two uploads at once get revisions one after the other, never the same number
        return evidence.findForUpdate(by.tenant(), id).chain(e -> {
            if (e == null) {
                throw new ResourceNotFoundException("evidence", id);
            }
            if (e.kind != Evidence.Kind.FILE) {
                throw new InvalidInputException("kind", "evidence " + id + " is a link; record files as FILE evidence");
            }
            return requireControls(by, e.controls()).chain(() -> {
                OffsetDateTime now = Clocks.now(clock);
                EvidenceRevision r = new EvidenceRevision();
                r.tenantId = e.tenantId;
                r.evidenceId = e.id;
                r.revision = e.revision + 1;
                r.fileName = name;
                r.contentType = type;
                r.size = content.length;
                r.sha256 = sha256(content);
                r.uploadedBy = by.name();
                r.uploadedById = by.id();
                r.uploadedAt = now;
                e.revision = r.revision;
                e.markUpdated(by, now);
                return evidence.store(r, content).chain(() -> evidence.flush())
                        .chain(() -> history(by, e.controls(), "evidence '" + e.title + "' revision " + r.revision
                                + " uploaded (" + name + ", sha256 " + r.sha256 + ")"))
                        .chain(() -> events.evidenceAdded(e, r, by))
                        .chain(() -> evidence.revisions(by.tenant(), id)).map(list -> new Details(e, list));
            });
        });
    }

    @WithSession
    public Uni<Details> get(String tenant, UUID id) {
        return found(tenant, id).chain(e -> evidence.revisions(tenant, id).map(r -> new Details(e, r)));
    }

    @WithSession
    public Uni<Content> content(String tenant, UUID id, int revision) {
        return found(tenant, id).chain(e -> evidence.revision(tenant, id, revision)).chain(r -> {
            if (r == null) {
                throw new ResourceNotFoundException("evidence revision", id + "/" + revision);
            }
            return evidence.content(tenant, id, revision).map(bytes -> new Content(r, bytes));
        });
    }

    @WithSession
    public Uni<Page<Evidence>> list(String tenant, Filter f, PageRequest page) {
        LocalDate today = Clocks.today(clock);
        Where where = Where.of().arrayContains("controlIds", "control", f.controlId());
        if (Boolean.TRUE.equals(f.expiring())) {
            where.clause("expiresAt >= :today", "today", today)
                    .clause("expiresAt <= :horizon", "horizon", today.plusDays(config.expiringDays()));
        } else if (Boolean.FALSE.equals(f.expiring())) {
            where.clause("(expiresAt is null or expiresAt > :horizon)", "horizon", today.plusDays(config.expiringDays()));
        }
        if (Boolean.TRUE.equals(f.expired())) {
            where.clause("expiresAt < :expiredBefore", "expiredBefore", today);
        } else if (Boolean.FALSE.equals(f.expired())) {
            where.clause("(expiresAt is null or expiresAt >= :expiredBefore)", "expiredBefore", today);
        }
        return evidence.page(tenant, where, page);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Uni<Evidence> found(String tenant, UUID id) {
        return evidence.find(tenant, id).map(e -> {
            if (e == null) {
                throw new ResourceNotFoundException("evidence", id);
            }
            return e;
        });
    }

    /** A history entry on each of the controls, by the caller. */
    private Uni<Void> history(Caller by, List<String> controls, String summary) {
        return Multi.createFrom().iterable(controls).onItem().transformToUniAndConcatenate(c -> changes.persist(
                ControlChange.of(by.tenant(), c, ControlChange.Kind.EVIDENCE, summary, by.name(), by.id(),
                        Clocks.now(clock)))).collect().last().replaceWithVoid();
    }

    /**
     * 400 unless every control is Annex A's or the tenant's own; 403 unless the caller is an officer or admin, or a
     * risk owner who owns every one of them.
     */
    private Uni<Void> requireControls(Caller by, List<String> ids) {
        return Multi.createFrom().iterable(new LinkedHashSet<>(ids)).onItem().transformToUniAndConcatenate(id -> {
            return queries.control(by.tenant(), id.strip()).chain(known -> {
                if (known == null) {
                    throw new InvalidInputException("controlIds", "'" + id + "' is neither an Annex A control nor"
                            + " one of the tenant's own");
                }
                if (by.officer()) {
                    return Uni.createFrom().voidItem();
                }
                return implementations.findOrBlank(by.tenant(), id.strip()).map(i -> {
                    if (!by.has(Roles.RISK_OWNER) || !i.ownedBy(by)) {
                        throw new ForbiddenActionException("only the owner of control " + id
                                + ", a security officer or an admin records its evidence");
                    }
                    return null;
                }).replaceWithVoid();
            });
        }).collect().last().replaceWithVoid();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
