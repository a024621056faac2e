package org.isms.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deadline rules, as configured for NIS2 and DORA in application.properties. */
class DeadlinesTest {
    static final Deadlines.Regime NIS2 = Deadlines.regime("NIS2", "NIS2", false, List.of(
            new String[] { "EARLY_WARNING", "Early warning", "AWARENESS+PT24H" },
            new String[] { "NOTIFICATION", "Notification", "AWARENESS+PT72H" },
            new String[] { "FINAL_REPORT", "Final report", "NOTIFICATION+P1M" }));
    static final Deadlines.Regime DORA = Deadlines.regime("DORA", "DORA", true, List.of(
            new String[] { "INITIAL", "Initial", "CLASSIFICATION+PT4H,AWARENESS+PT24H" },
            new String[] { "INTERMEDIATE", "Intermediate", "INITIAL+PT72H" },
            new String[] { "FINAL", "Final", "INTERMEDIATE+P1M" }));
    // a date relative to nothing but itself: the rules do not read the clock
    static final OffsetDateTime AWARE = OffsetDateTime.of(2030, 1, 31, 9, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldGiveNis2Its24And72HoursAndAMonthAfterTheNotification() {
        Map<String, OffsetDateTime> due = Deadlines.due(NIS2, AWARE, null, Map.of());
        assertThat(due).containsExactly(Map.entry("EARLY_WARNING", AWARE.plusHours(24)),
                Map.entry("NOTIFICATION", AWARE.plusHours(72)),
                // while the notification is not sent, a month after it was due (a calendar month: 3 Feb → 3 Mar)
                Map.entry("FINAL_REPORT", AWARE.plusHours(72).plusMonths(1)));
        OffsetDateTime sent = AWARE.plusHours(30);
        assertThat(Deadlines.due(NIS2, AWARE, null, Map.of("NOTIFICATION", sent)).get("FINAL_REPORT"))
                .isEqualTo(OffsetDateTime.of(2030, 3, 1, 15, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void shouldGiveDoraTheEarlierOfFourHoursAfterClassificationAnd24AfterAwareness() {
        assertThat(Deadlines.due(DORA, AWARE, AWARE.plusHours(2), Map.of()).get("INITIAL")).isEqualTo(AWARE.plusHours(6));
        assertThat(Deadlines.due(DORA, AWARE, AWARE.plusHours(22), Map.of()).get("INITIAL"))
                .isEqualTo(AWARE.plusHours(24));
        Map<String, OffsetDateTime> due = Deadlines.due(DORA, AWARE, AWARE.plusHours(2),
                Map.of("INITIAL", AWARE.plusHours(5), "INTERMEDIATE", AWARE.plusHours(50)));
        assertThat(due.get("INTERMEDIATE")).isEqualTo(AWARE.plusHours(5 + 72));
        assertThat(due.get("FINAL")).isEqualTo(AWARE.plusHours(50).plusMonths(1));
    }

    @Test
    void shouldRefuseTermsThatAreNone() {
        assertThatThrownBy(() -> Deadlines.regime("X", "X", false, List.<String[]>of(new String[] { "A", "A", "AWARENESS" })))
                .hasMessageContaining("ANCHOR+PERIOD");
        assertThatThrownBy(() -> Deadlines.regime("X", "X", false, List.<String[]>of(new String[] { "A", "A", "LATER+PT1H" })))
                .hasMessageContaining("anchor 'LATER'");
        assertThatThrownBy(() -> Deadlines.regime("X", "X", false,
                List.<String[]>of(new String[] { "A", "A", "CLASSIFICATION+PT1H" }))).hasMessageContaining("CLASSIFICATION");
        assertThatThrownBy(() -> Deadlines.regime("X", "X", false, List.<String[]>of(new String[] { "A", "A", "AWARENESS+1d" })))
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void shouldMoveIncidentsForwardOnlyAndCloseThemWithLessons() {
        Incident i = new Incident();
        i.status = IncidentStatus.NEW;
        assertThatThrownBy(() -> i.moveTo(IncidentStatus.CONTAINED, null, AWARE)).hasMessageContaining("NEW");
        i.moveTo(IncidentStatus.TRIAGED, null, AWARE);
        i.moveTo(IncidentStatus.CONTAINED, null, AWARE.plusHours(1));
        assertThat(i.triagedAt).isEqualTo(AWARE);
        assertThat(i.containedAt).isEqualTo(AWARE.plusHours(1));
        assertThatThrownBy(() -> i.moveTo(IncidentStatus.TRIAGED, null, AWARE)).hasMessageContaining("CONTAINED");
        assertThatThrownBy(() -> i.moveTo(IncidentStatus.CLOSED, " ", AWARE)).hasMessageContaining("lessons");
        i.moveTo(IncidentStatus.CLOSED, "MFA on the VPN", AWARE.plusDays(1));
        assertThat(i.closedAt).isEqualTo(AWARE.plusDays(1));
        assertThat(i.lessonsLearned).isEqualTo("MFA on the VPN");
        assertThat(IncidentStatus.CLOSED.next()).isEmpty();
        assertThat(IncidentStatus.TRIAGED.next()).contains(IncidentStatus.FALSE_POSITIVE, IncidentStatus.CLOSED);
    }

    @Test
    void shouldTakePriorityFromTheMatrix() {
        PriorityMatrix m = PriorityMatrix.of(Map.of("INFO", "P4,P4,P4,P3", "LOW", "P4,P4,P3,P3", "MEDIUM",
                "P4,P3,P3,P2", "HIGH", "P3,P2,P2,P1", "CRITICAL", "P2,P1,P1,P1"), 2);
        assertThat(m.priority(Severity.HIGH, 4)).isEqualTo(Priority.P1);
        assertThat(m.priority(Severity.HIGH, 1)).isEqualTo(Priority.P3);
        assertThat(m.priority(Severity.HIGH, 0)).as("unmatched: criticality 2").isEqualTo(Priority.P2);
        assertThatThrownBy(() -> PriorityMatrix.of(Map.of("INFO", "P4"), 2)).hasMessageContaining("INFO");
    }
}
