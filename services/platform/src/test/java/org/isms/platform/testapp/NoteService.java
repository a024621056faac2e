package org.isms.platform.testapp;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.isms.events.EventEnvelope;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.InvalidStateTransitionException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.http.Preconditions;
import org.isms.platform.outbox.Outbox;
import org.isms.platform.paging.Page;
import org.isms.platform.paging.PageRequest;
import org.isms.platform.time.Clocks;

@ApplicationScoped
public class NoteService {
    static final String CREATED = "isms.note.created.v1";
    private static final Map<Note.Status, Set<Note.Status>> NEXT = Map.of(
            Note.Status.DRAFT, Set.of(Note.Status.PUBLISHED),
            Note.Status.PUBLISHED, Set.of(Note.Status.ARCHIVED),
            Note.Status.ARCHIVED, Set.of());

    private final NoteRepository notes;
    private final Outbox outbox;
    private final Clock clock;

    public NoteService(NoteRepository notes, Outbox outbox, Clock clock) {
        this.notes = notes;
        this.outbox = outbox;
        this.clock = clock;
    }

    public record NoteCreated(UUID id, String text) {
    }

    @WithTransaction
    public Uni<Note> create(String tenant, String subject, NoteResource.NoteRequest request) {
        Note n = new Note();
        n.id = UUID.randomUUID();
        n.tenantId = tenant;
        n.text = request.text();
        n.priority = request.priority();
        n.rating = request.rating();
        n.status = Note.Status.DRAFT;
        n.createdBy = subject;
        n.createdAt = Clocks.now(clock);
        return notes.persist(n).call(saved -> outbox.append(created(n)));
    }

    /** Writes the event, then fails: the transaction rolls back and the event must never be published. */
    @WithTransaction
    public Uni<Note> createThenFail(String tenant, String subject, NoteResource.NoteRequest request) {
        return create(tenant, subject, request).chain(n -> Uni.createFrom().failure(
                new ConflictException("refused after writing (test)")));
    }

    @io.quarkus.hibernate.reactive.panache.common.WithSession
    public Uni<Note> get(String tenant, UUID id) {
        return notes.findInTenant(tenant, id)
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("note", id));
    }

    @WithTransaction
    public Uni<Note> update(String tenant, UUID id, long version, NoteResource.NoteRequest request) {
        return get(tenant, id).invoke(n -> {
            Preconditions.requireVersion("note " + id, n.version, version);
            n.text = request.text();
            n.priority = request.priority();
            n.rating = request.rating();
        });
    }

    @WithTransaction
    public Uni<Note> transition(String tenant, UUID id, Note.Status to) {
        return get(tenant, id).invoke(n -> {
            if (!NEXT.get(n.status).contains(to)) {
                throw new InvalidStateTransitionException("note " + id, n.status, to, NEXT.get(n.status));
            }
            n.status = to;
        });
    }

    @io.quarkus.hibernate.reactive.panache.common.WithSession
    public Uni<Page<Note>> list(String tenant, Note.Status status, PageRequest page) {
        return notes.page(tenant, org.isms.platform.paging.Where.of().eq("status", "status", status), page);
    }

    private EventEnvelope created(Note n) {
        return EventEnvelope.of(CREATED, NoteRoutes.SOURCE, n.id.toString(), n.tenantId, Clocks.now(clock),
                new NoteCreated(n.id, n.text));
    }
}
