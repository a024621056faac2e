package org.isms.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The ceiling {@link GatewayBenchmark} compares asset-service with: a bare Vert.x HTTP server with the
 * reactive PostgreSQL client, in a JVM of its own (as the service is), that answers {@code GET /assets/{id}}
 * with the same query on the same database ({@code select * from asset where id = $1 and tenant_id = $2}) as
 * JSON. No token, no framework: what the machine can do for this read.
 *
 * <p>Arguments: HTTP port, PostgreSQL host, port, database, user, password, tenant.
 */
public final class RawCeilingServer {
    private static final String QUERY = "select * from asset where id = $1 and tenant_id = $2";

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String tenant = args[6];
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        var pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(20))
                .connectingTo(new PgConnectOptions().setHost(args[1]).setPort(Integer.parseInt(args[2]))
                        .setDatabase(args[3]).setUser(args[4]).setPassword(args[5]).setCachePreparedStatements(true))
                .using(vertx).build();
        vertx.createHttpServer().requestHandler(req -> {
            UUID id;
            try {
                id = UUID.fromString(req.path().substring(req.path().lastIndexOf('/') + 1));
            } catch (IllegalArgumentException e) {
                req.response().setStatusCode(404).end();
                return;
            }
            pool.preparedQuery(QUERY).execute(Tuple.of(id, tenant)).onComplete(ar -> {
                if (ar.failed()) {
                    req.response().setStatusCode(500).end();
                } else if (!ar.result().iterator().hasNext()) {
                    req.response().setStatusCode(404).end();
                } else {
                    Row row = ar.result().iterator().next();
                    JsonObject json = row.toJson();
                    req.response().putHeader("Content-Type", "application/json").end(json.encode());
                }
            });
        }).listen(port, "127.0.0.1").onComplete(ar -> {
            if (ar.failed()) {
                ar.cause().printStackTrace();
                System.exit(1);
            }
            System.out.println("raw ceiling server listening on " + port);
        });
    }

    private RawCeilingServer() {
    }
}
