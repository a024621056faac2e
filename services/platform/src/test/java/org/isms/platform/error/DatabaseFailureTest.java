package org.isms.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.isms.platform.error.ProblemMappers.DatabaseFailure;
import org.junit.jupiter.api.Test;

/** Which outages leave a write certainly undone, and which leave it in doubt: what the 503 tells the caller. */
class DatabaseFailureTest {

    @Test
    void shouldTellAConnectionNeverHadFromOneLostMidRequest() {
        assertThat(ProblemMappers.databaseFailure(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo(DatabaseFailure.NOT_REACHED);
        assertThat(ProblemMappers.databaseFailure(pg("57P03"))).as("starting up").isEqualTo(DatabaseFailure.NOT_REACHED);
        assertThat(ProblemMappers.databaseFailure(pg("08001"))).isEqualTo(DatabaseFailure.NOT_REACHED);
        assertThat(ProblemMappers.databaseFailure(new RuntimeException(ClosedConnectionException.INSTANCE)))
                .isEqualTo(DatabaseFailure.LOST);
        assertThat(ProblemMappers.databaseFailure(pg("57P01"))).as("admin shutdown").isEqualTo(DatabaseFailure.LOST);
        assertThat(ProblemMappers.databaseFailure(new java.net.SocketException("Connection reset")))
                .as("PostgreSQL stopped mid-query (seen in the fault test)").isEqualTo(DatabaseFailure.LOST);
        assertThat(ProblemMappers.databaseFailure(pg("08006"))).isEqualTo(DatabaseFailure.LOST);
        assertThat(ProblemMappers.databaseFailure(new RuntimeException(new java.sql.SQLException("wrapped", "57P01"))))
                .as("as Hibernate wraps it").isEqualTo(DatabaseFailure.LOST);
        assertThat(ProblemMappers.databaseFailure(new IllegalStateException("Connection is not active now")))
                .isEqualTo(DatabaseFailure.LOST);
        assertThat(ProblemMappers.databaseFailure(pg("23505"))).as("a unique violation").isEqualTo(DatabaseFailure.NONE);
        assertThat(ProblemMappers.databaseFailure(new NullPointerException())).isEqualTo(DatabaseFailure.NONE);
    }

    @Test
    void shouldSayAWriteMayHaveBeenSavedOnlyWhenTheConnectionWasLostMidRequest() {
        assertThat(ProblemMappers.unavailableDetail(DatabaseFailure.NOT_REACHED, false)).contains("nothing was changed");
        assertThat(ProblemMappers.unavailableDetail(DatabaseFailure.LOST, false))
                .contains("may or may not have been saved").contains("read the resource before you try again");
        assertThat(ProblemMappers.unavailableDetail(DatabaseFailure.LOST, true)).doesNotContain("saved");
    }

    @Test
    void shouldFindTheSqlStateOfADataExceptionHoweverItIsWrapped() {
        assertThat(SqlStates.isDataException(new RuntimeException(new org.hibernate.exception.DataException("too long",
                new java.sql.SQLException("value too long", "22001"))))).isTrue();
        assertThat(SqlStates.isDataException(new RuntimeException(pg("22P05")))).isTrue();
        assertThat(SqlStates.isDataException(pg("40001"))).as("a serialization failure passes").isFalse();
        assertThat(SqlStates.isDataException(new IllegalStateException("no state"))).isFalse();
    }

    @Test
    void shouldTellATransactionTheDatabaseRolledBackToBreakADeadlock() {
        assertThat(ProblemMappers.concurrencyConflict(new RuntimeException(pg("40P01")))).as("deadlock").isTrue();
        assertThat(ProblemMappers.concurrencyConflict(new RuntimeException(new java.sql.SQLException("s", "40001"))))
                .as("serialization failure, as Hibernate wraps it").isTrue();
        assertThat(ProblemMappers.concurrencyConflict(pg("23505"))).isFalse();
        assertThat(ProblemMappers.concurrencyConflict(new NullPointerException())).isFalse();
    }

    private static PgException pg(String sqlState) {
        return new PgException("test", "FATAL", sqlState, null);
    }
}
