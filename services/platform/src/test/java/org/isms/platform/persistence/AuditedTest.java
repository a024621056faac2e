package org.isms.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.isms.platform.tenancy.Caller;
import org.junit.jupiter.api.Test;

/** Who-and-when: creation is the first update; a later update leaves the creation as it was. */
class AuditedTest {
    static class Record extends Audited {
    }

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldRecordTheCreationAsTheFirstUpdateAndKeepItAfterLaterOnes() {
        Record r = new Record();
        r.markCreated(new Caller("acme", "sub-alice", "alice"), T0);
        assertThat(r.updatedBy).isEqualTo("alice");
        assertThat(r.updatedById).isEqualTo("sub-alice");
        assertThat(r.updatedAt).isEqualTo(T0);

        r.markUpdated(new Caller("acme", "sub-bob", "bob"), T0.plusHours(1));
        assertThat(r.createdBy).isEqualTo("alice");
        assertThat(r.createdById).isEqualTo("sub-alice");
        assertThat(r.createdAt).isEqualTo(T0);
        assertThat(r.updatedBy).isEqualTo("bob");
        assertThat(r.updatedById).isEqualTo("sub-bob");
        assertThat(r.updatedAt).isEqualTo(T0.plusHours(1));
    }

    @Test
    void shouldRecordASystemAuthorWithoutAnId() {
        Record r = new Record();
        r.markCreated("baseline", null, T0);
        assertThat(r.createdBy).isEqualTo("baseline");
        assertThat(r.createdById).isNull();
        assertThat(r.updatedBy).isEqualTo("baseline");
    }
}
