package org.isms.asset.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The identifier rules, without a server. */
class IdentifiersTest {

    @Test
    void shouldCanonicalizeAddressesAndNetworks() {
        assertThat(Identifiers.ipOrNetwork("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(Identifiers.ipOrNetwork("10.0.0.0/8")).isEqualTo("10.0.0.0/8");
        assertThat(Identifiers.ipOrNetwork("10.0.0.1/32")).isEqualTo("10.0.0.1");
        assertThat(Identifiers.ipOrNetwork("0.0.0.0/0")).isEqualTo("0.0.0.0/0");
        assertThat(Identifiers.ipOrNetwork("2001:DB8:0:0::/64")).isEqualTo("2001:db8::/64");
    }

    @Test
    void shouldRefuseWhatIsNotAnAddressOrNetwork() {
        for (String bad : List.of("10.0.0.256", "10.0.0", "10.0.0.1/33", "10.0.0.1/8", "2001:db8::/129", "host.example",
                "10.0.0.0/", "10.0.0.0/x", "fe80::1%eth0", "")) {
            assertThat(Identifiers.ipOrNetwork(bad)).as(bad).isNull();
        }
    }

    @Test
    void shouldTellWhetherANetworkHoldsAnAddress() {
        assertThat(Identifiers.contains("192.168.0.0/16", Identifiers.ipAddress("192.168.200.1"))).isTrue();
        assertThat(Identifiers.contains("192.168.0.0/16", Identifiers.ipAddress("192.169.0.1"))).isFalse();
        assertThat(Identifiers.contains("10.1.2.3", Identifiers.ipAddress("10.1.2.3"))).isTrue();
        assertThat(Identifiers.contains("10.1.2.3", Identifiers.ipAddress("10.1.2.4"))).isFalse();
        assertThat(Identifiers.contains("2001:db8::/32", Identifiers.ipAddress("10.1.2.4"))).isFalse();
        assertThat(Identifiers.contains("10.0.0.0/9", Identifiers.ipAddress("10.127.255.255"))).isTrue();
        assertThat(Identifiers.contains("10.0.0.0/9", Identifiers.ipAddress("10.128.0.0"))).isFalse();
    }

    @Test
    void shouldLowerCaseHostNamesAndReportEachBadValueByIndex() {
        var checked = Identifiers.hostnames(List.of("Web01.ACME.local.", "web01.acme.local", "bad name", "-x"), "hostnames");
        assertThat(checked.values()).containsExactly("web01.acme.local");
        assertThat(checked.errors()).extracting(e -> e.field()).containsExactly("hostnames[2]", "hostnames[3]");
        assertThat(Identifiers.shortName("web01.acme.local")).isEqualTo("web01");
    }

    @Test
    void shouldRefuseTooManyValuesAndSeparatorsInTagsAndExternalIds() {
        assertThat(Identifiers.tags(java.util.Collections.nCopies(51, "t"), "tags").errors()).hasSize(1);
        assertThat(Identifiers.tags(List.of("a;b"), "tags").errors()).hasSize(1);
        assertThat(Identifiers.externalIds(List.of("ID-1"), "externalIds").values()).containsExactly("id-1");
    }
}
