package talos.core.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.sqlclient.Row;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.db.Migrations;

/**
 * The node's health checks. Liveness says the event loops answer; readiness says the node can serve:
 * the database is reachable, its schema is the one this build migrated to, and, in a cluster, the
 * node is an active member. The output holds no secret: no URL, user or key.
 */
final class HealthRoutes {

  private static final long CHECK_TIMEOUT_MS = 3_000;

  private HealthRoutes() {
  }

  static HealthCheckHandler liveness(Vertx vertx) {
    return HealthCheckHandler.createWithHealthChecks(
        HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK())));
  }

  static HealthCheckHandler readiness(Vertx vertx, NodeContext node) {
    HealthChecks checks = HealthChecks.create(vertx)
        .register("database", CHECK_TIMEOUT_MS, promise -> database(node, promise))
        .register("schema", CHECK_TIMEOUT_MS, promise -> schema(node, promise));
    if (node.cluster().clustered()) {
      checks.register("cluster", CHECK_TIMEOUT_MS, promise -> cluster(node, promise));
    }
    if (node.config().features().contains("catalog")) {
      checks.register("catalogue", CHECK_TIMEOUT_MS, promise -> catalogue(vertx, promise));
    }
    return HealthCheckHandler.createWithHealthChecks(checks);
  }

  private static void database(NodeContext node, Promise<Status> promise) {
    node.pool().query("SELECT 1").execute()
        .map(rows -> Status.OK())
        .otherwise(e -> Status.KO(new JsonObject().put("reason", "database unreachable: " + e.getMessage())))
        .onComplete(promise);
  }

  private static void schema(NodeContext node, Promise<Status> promise) {
    node.pool()
        .query("SELECT version, success FROM " + Migrations.HISTORY_TABLE
            + " WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")
        .execute()
        .map(rows -> {
          Row latest = rows.iterator().hasNext() ? rows.iterator().next() : null;
          JsonObject data = new JsonObject().put("expected", node.schemaVersion());
          if (latest == null) {
            return Status.KO(data.put("reason", "no migration has been applied"));
          }
          data.put("version", latest.getString("version"));
          if (!latest.getBoolean("success")) {
            return Status.KO(data.put("reason", "the last migration failed"));
          }
          return node.schemaVersion().equals(latest.getString("version"))
              ? Status.OK(data)
              : Status.KO(data.put("reason", "schema version differs from this build's"));
        })
        .otherwise(e -> Status.KO(new JsonObject().put("reason", "cannot read the migration history: "
            + e.getMessage())))
        .onComplete(promise);
  }

  /**
   * A stale catalogue does not make the node unready (it keeps serving what it has), but the check
   * says since when it is stale; only a catalogue nobody answers for is down.
   */
  private static void catalogue(Vertx vertx, Promise<Status> promise) {
    vertx.eventBus().<JsonObject>request(Addresses.CATALOGUE_STATUS, new JsonObject())
        .map(reply -> Status.OK(reply.body()))
        .otherwise(e -> Status.KO(new JsonObject().put("reason", "catalogue unavailable: " + e.getMessage())))
        .onComplete(promise);
  }

  private static void cluster(NodeContext node, Promise<Status> promise) {
    JsonObject data = new JsonObject()
        .put("nodeId", node.cluster().nodeId())
        .put("members", node.cluster().members().size());
    Future.succeededFuture(node.cluster().active() ? Status.OK(data) : Status.KO(data.put("reason", "not a member")))
        .onComplete(promise);
  }
}
