package org.isms.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.isms.risk.RiskApi.risk;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.isms.risk.service.RiskReviews;
import org.isms.testing.Instances;
import org.isms.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timed work, run as two instances would run it: at the same time, each on its own connection. Every
 * expired acceptance re-opens its risk once and every overdue review is flagged once. Time passes by moving
 * the application's clock, not by waiting or by editing the rows.
 */
@QuarkusTest
class RiskScheduleTest {
    final RiskApi api = new RiskApi("sched");

    @Inject
    RiskReviews service;

    @Inject
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void shouldReopenExpiredAcceptancesOnceWithTwoInstances() throws Exception {
        String asset = api.asset("legacy", 2, 2, 2);
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            String id = api.assessed("retained " + k, asset, 3, 3, null, null);
            api.treat(id, "RETAIN", List.of()).then().statusCode(200);
            api.accept(api.admin(), id, RiskApi.inDays(k < 11 ? 10 : 20)).then().statusCode(200);
            ids.add(id);
        }
        String notYet = ids.remove(11);
        // before the date nothing expires; eleven days on, the first eleven have
        assertThat(Instances.twoAtOnce(() -> service.expireAcceptances(4))).as("nothing due yet").isZero();
        clock.advance(Duration.ofDays(11));

        // the work spans tenants: other test classes' leftovers may be acted on too
        int acted = Instances.twoAtOnce(() -> service.expireAcceptances(4));

        assertThat(acted).isGreaterThanOrEqualTo(11);
        for (String id : ids) {
            api.get(id).then().body("status", equalTo("TREATMENT_PLANNED"))
                    .body("acceptance", equalTo(null))
                    .body("reviewRequired", equalTo(true))
                    .body("reviewReasons.size()", equalTo(1))
                    .body("reviewReasons[0].kind", equalTo("ACCEPTANCE_EXPIRED"));
            assertThat(RiskApi.query("select string_agg(event_type, ' ' order by id) from outbox where aggregate_id = ?"
                    + " and event_type in ('isms.risk.acceptance-expired.v1', 'isms.risk.review-required.v1')", id))
                    .isEqualTo("isms.risk.acceptance-expired.v1 isms.risk.review-required.v1");
        }
        api.get(notYet).then().body("status", equalTo("ACCEPTED")).body("reviewRequired", equalTo(false));
        // nothing left to do: a second round acts on nothing
        assertThat(Instances.twoAtOnce(() -> service.expireAcceptances(4))).isZero();
    }

    @Test
    void shouldFlagOverdueReviewsOncePerDueDate() throws Exception {
        String asset = api.asset("srv", 2, 2, 2);
        List<String> ids = new ArrayList<>();
        // six CRITICAL risks (reviewed every 30 days), two LOW ones (every 365 days), one CRITICAL closed
        for (int k = 0; k < 9; k++) {
            ids.add(k < 6 || k == 8 ? api.assessed("review " + k, asset, 5, 5, null, null)
                    : api.assessed("review " + k, asset, 1, 1, null, null));
        }
        String closed = ids.remove(8);
        api.officer().header("If-Match", api.etag(closed)).body(java.util.Map.of("reason", "gone"))
                .post("/api/risks/" + closed + "/close").then().statusCode(200);

        clock.advance(Duration.ofDays(31));
        assertThat(Instances.twoAtOnce(() -> service.flagOverdueReviews(2))).isGreaterThanOrEqualTo(6);
        for (String id : ids.subList(0, 6)) {
            api.get(id).then().body("reviewRequired", equalTo(true)).body("overdue", equalTo(true))
                    .body("reviewReasons[0].kind", equalTo("REVIEW_OVERDUE"));
            assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type ="
                    + " 'isms.risk.review-required.v1'", id)).isEqualTo("1");
        }
        for (String id : ids.subList(6, 8)) {
            api.get(id).then().body("reviewRequired", equalTo(false));
        }
        api.get(closed).then().body("reviewRequired", equalTo(false));
        assertThat(Instances.twoAtOnce(() -> service.flagOverdueReviews(2))).isZero();

        // a review sets the next date; when that one passes, it is flagged again
        String id = ids.get(0);
        api.officer().body(java.util.Map.of()).post("/api/risks/" + id + "/review").then().statusCode(200)
                .body("reviewRequired", equalTo(false)).body("overdue", equalTo(false));
        clock.advance(Duration.ofDays(31));
        assertThat(Instances.twoAtOnce(() -> service.flagOverdueReviews(2))).isGreaterThanOrEqualTo(1);
        api.get(id).then().body("reviewRequired", equalTo(true)).body("reviewReasons.size()", equalTo(1));
        assertThat(RiskApi.query("select count(*) from outbox where aggregate_id = ? and event_type ="
                + " 'isms.risk.review-required.v1'", id)).isEqualTo("2");
    }
}
