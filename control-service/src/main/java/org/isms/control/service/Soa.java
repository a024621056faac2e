package org.isms.control.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.isms.control.domain.ControlState;
import org.isms.control.domain.RiskRef;
import org.isms.control.messaging.ControlEvents;
import org.isms.control.repository.ControlImplementationRepository;
import org.isms.control.repository.SoaVersionRepository;
import org.isms.events.control.SoaPublished;
import org.isms.platform.error.ConflictException;
import org.isms.platform.error.ResourceNotFoundException;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;

/**
 * The Statement of Applicability (ISO/IEC 27001 6.1.3 d): derived live from the controls' states, and frozen as
 * numbered versions an auditor can compare. A version is published only when it is complete: every control decided
 * and every inclusion no risk calls for justified.
 */
@ApplicationScoped
public class Soa {
    /** One control's line in the statement. */
    public record Entry(String controlId, String title, String theme, boolean own, Boolean applicable,
            String justification, String reason, boolean justificationMissing, String status, String effectiveness,
            String owner, LocalDate dueDate, List<RiskRef> risks, int riskCount, int evidenceCount,
            boolean evidenceExpired) {

        static Entry of(ControlState s) {
            return new Entry(s.control().id(), s.control().title(), s.control().theme().name(), s.control().own(),
                    s.applicable(), s.implementation().justification, s.reason(), s.justificationMissing(),
                    s.implementation().status.name(), s.implementation().effectiveness.name(), s.implementation().owner,
                    s.implementation().dueDate, s.calledFor().named(), s.calledFor().count(), s.evidence().valid(),
                    s.evidence().lost());
        }
    }

    /** The statement: when it was drawn up (or published, by whom), its counts and its lines. */
    public record Statement(Integer number, OffsetDateTime at, String publishedBy, String note, int applicable,
            int excluded, int undecided, List<Entry> entries) {

        static Statement of(Integer number, OffsetDateTime at, String by, String note, List<Entry> entries) {
            int applicable = (int) entries.stream().filter(e -> Boolean.TRUE.equals(e.applicable())).count();
            int excluded = (int) entries.stream().filter(e -> Boolean.FALSE.equals(e.applicable())).count();
            return new Statement(number, at, by, note, applicable, excluded, entries.size() - applicable - excluded,
                    entries);
        }
    }

    /** A published version without its lines. */
    public record Version(int number, OffsetDateTime publishedAt, String publishedBy, String note) {
    }

    /** What differs in one control between two versions: the field, and its value in each. */
    public record Difference(String controlId, String field, Object from, Object to) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {
    };

    private final ControlQueries queries;
    private final SoaVersionRepository versions;
    private final ControlImplementationRepository implementations;
    private final ControlEvents events;
    private final Clock clock;

    public Soa(ControlQueries queries, SoaVersionRepository versions, ControlImplementationRepository implementations,
            ControlEvents events, Clock clock) {
        this.queries = queries;
        this.versions = versions;
        this.implementations = implementations;
        this.events = events;
        this.clock = clock;
    }

    /** The statement as it stands now. */
    @WithSession
    public Uni<Statement> current(String tenant) {
        return queries.all(tenant).map(states -> Statement.of(null, Clocks.now(clock), null, null,
                states.stream().map(Entry::of).toList()));
    }

    /**
     * Freezes the statement as the tenant's next version, approved by {@code by}; 409 naming what is incomplete
     * (undecided controls, inclusions without a reason).
     */
    @WithTransaction
    public Uni<Statement> publish(Caller by, String note) {
        return implementations.lockTenant(ControlImplementationRepository.SOA, by.tenant())
                // a published statement names every risk: it is the record an auditor keeps
                .chain(() -> queries.all(by.tenant(), Integer.MAX_VALUE))
                .chain(states -> {
                    List<Entry> entries = states.stream().map(Entry::of).toList();
                    requireComplete(entries);
                    OffsetDateTime now = Clocks.now(clock);
                    String cleanNote = note == null || note.isBlank() ? null : note.strip();
                    return versions.nextNumber(by.tenant()).chain(n -> versions.insert(by.tenant(),
                            new SoaVersionRepository.Row(n, now, by.name(), by.id(), cleanNote, write(entries)))
                            .chain(() -> {
                                Statement s = Statement.of(n, now, by.name(), cleanNote, entries);
                                return events.soaPublished(by.tenant(), new SoaPublished(n, now, by.name(), by.id(),
                                        cleanNote, s.applicable(), s.excluded(), s.undecided(),
                                        entries.stream().map(e -> new SoaPublished.Entry(e.controlId(), e.applicable(),
                                                e.justification(), e.status(), e.effectiveness(),
                                                e.risks().stream().map(RiskRef::title).toList())).toList()))
                                        .replaceWith(s);
                            }));
                });
    }

    @WithSession
    public Uni<List<Version>> versions(String tenant) {
        return versions.list(tenant).map(rows -> rows.stream()
                .map(r -> new Version(r.number(), r.publishedAt(), r.publishedBy(), r.note())).toList());
    }

    /** A published version; 404 when the tenant has none of that number. */
    @WithSession
    public Uni<Statement> version(String tenant, int number) {
        return versions.get(tenant, number).map(r -> {
            if (r == null) {
                throw new ResourceNotFoundException("SoA version", number);
            }
            return Statement.of(r.number(), r.publishedAt(), r.publishedBy(), r.note(), read(r.entries()));
        });
    }

    /** What changed from version {@code a} to version {@code b}, control by control and field by field. */
    @WithSession
    public Uni<List<Difference>> diff(String tenant, int a, int b) {
        return version(tenant, a).chain(from -> version(tenant, b).map(to -> differences(from.entries(), to.entries())));
    }

    static List<Difference> differences(List<Entry> from, List<Entry> to) {
        Map<String, Entry> before = from.stream().collect(Collectors.toMap(Entry::controlId, Function.identity(),
                (x, y) -> x, LinkedHashMap::new));
        Map<String, Entry> after = to.stream().collect(Collectors.toMap(Entry::controlId, Function.identity(),
                (x, y) -> x, LinkedHashMap::new));
        List<Difference> out = new ArrayList<>();
        for (Entry e : to) {
            Entry was = before.get(e.controlId());
            if (was == null) {
                out.add(new Difference(e.controlId(), "control", null, e.title()));
                continue;
            }
            compare(out, e.controlId(), "applicable", was.applicable(), e.applicable());
            compare(out, e.controlId(), "justification", was.justification(), e.justification());
            compare(out, e.controlId(), "status", was.status(), e.status());
            compare(out, e.controlId(), "effectiveness", was.effectiveness(), e.effectiveness());
            compare(out, e.controlId(), "owner", was.owner(), e.owner());
            compare(out, e.controlId(), "dueDate", was.dueDate(), e.dueDate());
            compare(out, e.controlId(), "risks", titles(was.risks()), titles(e.risks()));
            compare(out, e.controlId(), "evidenceCount", was.evidenceCount(), e.evidenceCount());
            compare(out, e.controlId(), "evidenceExpired", was.evidenceExpired(), e.evidenceExpired());
        }
        for (Entry e : from) {
            if (!after.containsKey(e.controlId())) {
                out.add(new Difference(e.controlId(), "control", e.title(), null));
            }
        }
        return out;
    }

    private static List<String> titles(List<RiskRef> risks) {
        return risks.stream().map(r -> r.title() + " (" + r.id() + ")").toList();
    }

    private static void compare(List<Difference> out, String id, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            out.add(new Difference(id, field, from, to));
        }
    }

    private static void requireComplete(List<Entry> entries) {
        List<String> undecided = entries.stream().filter(e -> e.applicable() == null).map(Entry::controlId).toList();
        List<String> unjustified = entries.stream().filter(Entry::justificationMissing).map(Entry::controlId).toList();
        if (!undecided.isEmpty() || !unjustified.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!undecided.isEmpty()) {
                parts.add(undecided.size() + " control(s) not yet decided: " + abbreviate(undecided));
            }
            if (!unjustified.isEmpty()) {
                parts.add(unjustified.size() + " included without a risk or a reason: " + abbreviate(unjustified));
            }
            throw new ConflictException("the SoA is not complete: " + String.join("; ", parts));
        }
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 10)) + " …";
    }

    private static String write(List<Entry> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the SoA's entries", e);
        }
    }

    private static List<Entry> read(String json) {
        try {
            return JSON.readValue(json, ENTRIES);
        } catch (Exception e) {
            throw new IllegalStateException("a stored SoA version cannot be read", e);
        }
    }
}
