package talos.core.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * Writes the audit trail: who ({@code actor}: a user, station or node id) did what ({@code action}, a
 * dotted name such as {@code station.key_rotated}), for which organisation, with details. Details
 * never hold a secret.
 */
public final class AuditLog {

  private static final String INSERT =
      "INSERT INTO audit_log (actor, action, org_id, details) VALUES ($1, $2, $3, $4)";

  private AuditLog() {
  }

  /**
   * Records one event, inside the caller's transaction when {@code client} is one.
   *
   * @param orgId the organisation the event belongs to, or {@code null}
   */
  public static Future<Void> record(SqlClient client, String actor, String action, UUID orgId, JsonObject details) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(actor, action, orgId, details == null ? new JsonObject() : details))
        .mapEmpty();
  }
}
