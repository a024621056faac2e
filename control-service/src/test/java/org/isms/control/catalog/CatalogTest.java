package org.isms.control.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reference catalog as the files hold it: Annex A's 93 controls, their attributes, and the four mappings. */
class CatalogTest {
    static final Catalog CATALOG = Catalog.load();
    static final Set<String> NEW_IN_2022 = Set.of("5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16",
            "8.23", "8.28");

    @Test
    void shouldHoldAnnexAsNinetyThreeControlsInFourThemes() {
        assertThat(CATALOG.controls()).hasSize(93);
        Map<Theme, Long> perTheme = CATALOG.controls().stream()
                .collect(Collectors.groupingBy(CatalogControl::theme, Collectors.counting()));
        assertThat(perTheme).containsExactlyInAnyOrderEntriesOf(Map.of(Theme.ORGANIZATIONAL, 37L, Theme.PEOPLE, 8L,
                Theme.PHYSICAL, 14L, Theme.TECHNOLOGICAL, 34L));
        assertThat(CATALOG.controls().get(0).id()).isEqualTo("5.1");
        assertThat(CATALOG.controls().get(92).id()).isEqualTo("8.34");
        assertThat(CATALOG.control("8.5").title()).isEqualTo("Secure authentication");
        assertThat(CATALOG.control("5.17").title()).isEqualTo("Authentication information");
        assertThat(CATALOG.control("8.35")).isNull();
        assertThat(CATALOG.source()).contains("27002:2022");
    }

    @Test
    void shouldGiveEveryControlEachAttributeWithTheStandardsValues() {
        for (CatalogControl c : CATALOG.controls()) {
            c.attributes().byName().forEach((name, values) -> {
                assertThat(values).as(c.id() + " " + name).isNotEmpty().doesNotHaveDuplicates();
                assertThat(Attributes.VALUES.get(name)).as(c.id() + " " + name).containsAll(values);
            });
            assertThat(c.purpose()).as(c.id()).isNotBlank().hasSizeLessThan(300);
            assertThat(c.own()).isFalse();
        }
        // spot checks against ISO/IEC 27002:2022 Table A.1
        assertThat(CATALOG.control("5.7").attributes().controlTypes())
                .containsExactly("PREVENTIVE", "DETECTIVE", "CORRECTIVE");
        assertThat(CATALOG.control("8.16").attributes().controlTypes()).containsExactly("DETECTIVE", "CORRECTIVE");
        assertThat(CATALOG.control("8.5").attributes().capabilities()).containsExactly("IDENTITY_AND_ACCESS_MANAGEMENT");
        assertThat(CATALOG.control("7.4").attributes().concepts()).containsExactly("PROTECT", "DETECT");
    }

    @Test
    void shouldMapEvery2013ControlAndNoneOfThe2022Additions() {
        Framework f = CATALOG.framework("iso27001-2013");
        assertThat(f.requirements()).hasSize(114);
        Map<String, Long> perDomain = f.requirements().stream().collect(Collectors.groupingBy(
                r -> r.id().substring(0, r.id().indexOf('.', 2)), Collectors.counting()));
        assertThat(perDomain).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("A.5", 2L),
                Map.entry("A.6", 7L), Map.entry("A.7", 6L), Map.entry("A.8", 10L), Map.entry("A.9", 14L),
                Map.entry("A.10", 2L), Map.entry("A.11", 15L), Map.entry("A.12", 14L), Map.entry("A.13", 7L),
                Map.entry("A.14", 13L), Map.entry("A.15", 5L), Map.entry("A.16", 7L), Map.entry("A.17", 4L),
                Map.entry("A.18", 8L)));
        for (Framework.Requirement r : f.requirements()) {
            assertThat(f.ofRequirement(r.id())).as(r.id() + " maps to a 2022 control").isNotEmpty();
        }
        Set<String> with2013 = f.mappings().stream().map(Mapping::control).collect(Collectors.toSet());
        Set<String> without = CATALOG.controls().stream().map(CatalogControl::id).filter(id -> !with2013.contains(id))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(without).isEqualTo(new TreeSet<>(NEW_IN_2022));
        // merges, seen from both sides: 5.1 took in two 2013 controls; each of them is a part of 5.1
        assertThat(f.ofControl("5.1")).extracting(Mapping::requirement).containsExactlyInAnyOrder("A.5.1.1", "A.5.1.2");
        assertThat(f.ofControl("5.1")).extracting(Mapping::relationship).containsOnly(Relationship.SUPERSET);
        assertThat(f.ofRequirement("A.5.1.2")).extracting(Mapping::control).containsExactly("5.1");
    }

    @Test
    void shouldReadThe2013CorrespondenceTheSameFromBothSides() throws Exception {
        // Table B.1 (from 2022) and Table B.2 (from 2013) of ISO/IEC 27002:2022, kept apart in the file
        JsonNode file = Catalog.read(new ObjectMapper(), "catalog/mappings/iso27001-2013.json");
        Map<String, Relationship> forward = new HashMap<>();
        file.path("mappings").forEach(m -> forward.put(m.path("control").asText() + "|" + m.path("requirement").asText(),
                Relationship.parse(m.path("relationship").asText())));
        Map<String, Relationship> reverse = new HashMap<>();
        file.path("reverse").forEach(m -> reverse.put(m.path("control").asText() + "|" + m.path("requirement").asText(),
                Relationship.parse(m.path("relationship").asText()).inverse()));
        assertThat(reverse).isNotEmpty().isEqualTo(forward);
        Set<String> reversed = new HashSet<>();
        file.path("reverse").forEach(m -> reversed.add(m.path("requirement").asText()));
        assertThat(reversed).hasSize(114);
    }

    @Test
    void shouldMapTheOtherFrameworksOntoRealControlsAndRequirements() {
        Framework csf = CATALOG.framework("nist-csf-2.0");
        assertThat(csf.requirements()).hasSize(106);
        assertThat(csf.requirements().stream().map(r -> r.id().substring(0, 2)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("GV", "ID", "PR", "DE", "RS", "RC");
        assertThat(csf.ofControl("8.5")).extracting(Mapping::requirement).contains("PR.AA-03");
        Framework soc2 = CATALOG.framework("soc2-tsc-2017");
        assertThat(soc2.requirements()).hasSize(61);
        Framework ce = CATALOG.framework("cyber-essentials");
        assertThat(ce.requirements()).extracting(Framework.Requirement::id).containsExactly("CE.FIREWALLS",
                "CE.SECURE_CONFIGURATION", "CE.SECURITY_UPDATE_MANAGEMENT", "CE.USER_ACCESS_CONTROL",
                "CE.MALWARE_PROTECTION");
        for (Framework f : List.of(soc2, ce)) {
            for (Framework.Requirement r : f.requirements()) {
                assertThat(f.ofRequirement(r.id())).as(f.key() + " " + r.id()).isNotEmpty();
            }
        }
        assertThat(ce.ofRequirement("CE.MALWARE_PROTECTION")).extracting(Mapping::control).contains("8.7");
        // every framework names its source
        CATALOG.frameworks().values().forEach(f -> assertThat(f.source()).as(f.key()).isNotBlank());
    }

    @Test
    void shouldRefuseAMappingToAControlOrRequirementThatDoesNotExist() {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> Catalog.mapping("x", json.createObjectNode().put("control", "8.35")
                .put("requirement", "R1").put("relationship", "equal"), Set.of("8.5"), Set.of("R1")))
                .hasMessageContaining("names no Annex A control");
        assertThatThrownBy(() -> Catalog.mapping("x", json.createObjectNode().put("control", "8.5")
                .put("requirement", "R1").put("relationship", "overlaps"), Set.of("8.5"), Set.of("R1")))
                .hasMessageContaining("relationship");
    }

    @Test
    void shouldKnowAnnexAIdsByTheirTheme() {
        assertThat(Theme.ofAnnexA("5.37")).isEqualTo(Theme.ORGANIZATIONAL);
        assertThat(Theme.ofAnnexA("6.8")).isEqualTo(Theme.PEOPLE);
        assertThat(Theme.ofAnnexA("7.14")).isEqualTo(Theme.PHYSICAL);
        assertThat(Theme.ofAnnexA("8.34")).isEqualTo(Theme.TECHNOLOGICAL);
        for (String not : new String[] { "5.38", "6.9", "8.0", "8.05", "9.1", "A.5.1.1", "8", "8.", ".5", "x.1" }) {
            assertThat(Theme.ofAnnexA(not)).as(not).isNull();
        }
        assertThat(Relationship.SUBSET.inverse()).isEqualTo(Relationship.SUPERSET);
        assertThat(Relationship.INTERSECTS.inverse()).isEqualTo(Relationship.INTERSECTS);
    }
}
