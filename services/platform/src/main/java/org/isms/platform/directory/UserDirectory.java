package org.isms.platform.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.isms.platform.tenancy.Caller;
import org.isms.platform.time.Clocks;
import org.jboss.logging.Logger;

/**
 * The users of each tenant this service has seen, by stable id and user name: learned from the tokens of
 * the requests it answers (just in time, as OIDC applications provision users on first sign-in). A rule
 * about a named person (the owner of a risk) resolves the name to the stable id here, so it keeps holding
 * when the account is renamed. A name nobody with it has used yet resolves to nothing; the service then
 * keeps the name and binds the id when that user first acts.
 */
@ApplicationScoped
public class UserDirectory {
    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final int REMEMBERED = 10_000;
    private static final String SEEN = """
            insert into directory_user (tenant_id, user_id, user_name, first_seen, last_seen) values ($1, $2, $3, $4, $4)
            on conflict (tenant_id, user_id) do update set user_name = excluded.user_name, last_seen = excluded.last_seen""";
    private static final String BY_NAME = """
            select user_id from directory_user where tenant_id = $1 and user_name = $2
             order by last_seen desc limit 1""";

    private final Pool pool;
    private final Clock clock;
    /** Who this instance has recorded already (so a known caller costs no query). */
    private final Map<Caller, Boolean> recorded = new ConcurrentHashMap<>();

    public UserDirectory(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Records the caller (once per instance and name); a failure is logged and does not fail the request. */
    public Uni<Void> saw(Caller caller) {
        if (recorded.containsKey(caller)) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(SEEN).execute(Tuple.of(caller.tenant(), caller.id(), normalize(caller.name()),
                Clocks.now(clock)))
                .invoke(() -> {
                    if (recorded.size() >= REMEMBERED) {
                        recorded.clear();
                    }
                    recorded.put(caller, Boolean.TRUE);
                })
                .onFailure().invoke(e -> LOG.debugf("could not record user %s of %s: %s", caller.id(), caller.tenant(), e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The stable id of the tenant's user with this name (the one seen last, if the name moved); null if none. */
    public Uni<String> idOf(String tenant, String name) {
        return pool.preparedQuery(BY_NAME).execute(Tuple.of(tenant, normalize(name)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("user_id") : null);
    }

    /** User names as Keycloak keeps them: trimmed, lower-case. */
    public static String normalize(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }
}
