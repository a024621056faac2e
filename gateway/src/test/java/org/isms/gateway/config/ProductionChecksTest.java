package org.isms.gateway.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionChecksTest {

    @Test
    void shouldRefuseABodyIdleTimeoutThatAServiceWouldOutwait() {
        assertThatThrownBy(() -> ProductionChecks.checkTimeouts(Duration.ofSeconds(15),
                Map.of("asset-service", Duration.ofSeconds(30), "risk-service", Duration.ofSeconds(15))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.services.risk-service.timeout");
    }

    @Test
    void shouldAcceptABodyIdleTimeoutBelowEveryServices() {
        assertThatCode(() -> ProductionChecks.checkTimeouts(Duration.ofSeconds(10),
                Map.of("asset-service", Duration.ofSeconds(15), "risk-service", Duration.ofSeconds(11))))
                .doesNotThrowAnyException();
    }
}
