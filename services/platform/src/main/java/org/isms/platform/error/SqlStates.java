package org.isms.platform.error;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import org.hibernate.JDBCException;

/**
 * The SQLSTATE a failure carries, however it reached us: PostgreSQL's own {@link PgException} from the reactive
 * client, or the {@link JDBCException} / {@link SQLException} Hibernate wraps it in.
 */
public final class SqlStates {
    private SqlStates() {
    }

    /** The SQLSTATE of {@code f} or of the first of its causes that has one; null when none has. */
    public static String of(Throwable f) {
        for (Throwable t = f; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = own(t);
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /** The SQLSTATE of {@code t} itself, not of its causes; null when it has none. */
    public static String own(Throwable t) {
        return t instanceof PgException pg ? pg.getSqlState()
                : t instanceof JDBCException j ? j.getSQLState()
                : t instanceof SQLException s ? s.getSQLState() : null;
    }

    /**
     * Whether PostgreSQL refused the values themselves (class 22, data exception: too long for the column, out
     * of range, not in the encoding): the same values fail the same way every time.
     */
    public static boolean isDataException(Throwable f) {
        String state = of(f);
        return state != null && state.startsWith("22");
    }
}
