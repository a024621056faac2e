package org.isms.asset.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.isms.events.asset.Cia;
import org.isms.platform.error.InvalidInputException;
import org.isms.platform.error.Problem.FieldError;
import org.junit.jupiter.api.Test;

/** A draft checked before the inventory takes it: values normalized, every bad one reported. */
class AssetDraftTest {

    @Test
    void shouldStripNamesAndNormalizeIdentifiersAndTags() {
        UUID server = UUID.randomUUID();
        AssetDraft draft = new AssetDraft("  CRM database ", AssetType.INFORMATION, "d", " alice ", null, null,
                List.of("pci", " pci "), AssetStatus.IN_USE, new Cia(3, 2, 1), true, false,
                List.of("CRM-DB01.acme.local."), List.of("10.20.1.15/32"), List.of("ARN:aws:rds:crm"), List.of(server),
                null);

        AssetDraft checked = draft.checked("identifiers.", "tags");

        assertThat(checked.name()).isEqualTo("CRM database");
        assertThat(checked.owner()).isEqualTo("alice");
        assertThat(checked.tags()).containsExactly("pci");
        assertThat(checked.hostnames()).containsExactly("crm-db01.acme.local");
        assertThat(checked.ipAddresses()).containsExactly("10.20.1.15");
        assertThat(checked.externalIds()).containsExactly("arn:aws:rds:crm");
        assertThat(checked.dependsOn()).containsExactly(server);
        assertThat(checked.status()).isEqualTo(AssetStatus.IN_USE);
        assertThat(checked.classification()).isEqualTo(new Cia(3, 2, 1));
        assertThat(checked.personalData()).isTrue();
    }

    @Test
    void shouldReportEveryBadValueAtOnceNamedAsTheJsonBodyNamesIt() {
        AssetDraft draft = new AssetDraft(" ", AssetType.HARDWARE, null, "alice", null, null, List.of("a;b"), null,
                new Cia(1, 1, 1), false, false, List.of("bad name"), List.of("10.0.0.256"), null, null, null);

        assertThatThrownBy(() -> draft.checked("identifiers.", "tags")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> {
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactly("tags[0]", "identifiers.hostnames[0]", "identifiers.ipAddresses[0]", "name");
                    assertThat(e.getMessage()).contains("name: must not be blank");
                });
    }

    @Test
    void shouldNameTheFieldsAsTheCsvColumnsForAnImportedRow() {
        AssetDraft draft = new AssetDraft("web", AssetType.HARDWARE, null, "alice", null, null, null, null,
                new Cia(1, 1, 1), false, false, List.of("-x"), null, null, null, null);

        assertThatThrownBy(() -> draft.checked("", "tags")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("hostnames[0]"));
    }
}
