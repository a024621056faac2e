package org.isms.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC on the shared test database ({@code isms_test}), for fixtures and for checking what a request left. */
public final class TestDb {
    private TestDb() {
    }

    /** The first column of the first row, as text; null when there is no row. */
    public static String query(String sql, Object... args) {
        try (Connection c = SharedServers.postgres().connect("isms_test"); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an insert, update or delete; the number of rows it changed. */
    public static int update(String sql, Object... args) {
        try (Connection c = SharedServers.postgres().connect("isms_test"); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
