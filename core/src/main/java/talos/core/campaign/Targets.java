package talos.core.campaign;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The satellites a campaign wants observed, each with a weight (how much it matters against the
 * campaign's other targets) and optionally the transmitter to listen to. Satellites and transmitters
 * must be in the catalogue.
 */
final class Targets {

  private static final String SATELLITE = "SELECT name FROM satellite WHERE norad_id = $1";
  private static final String TRANSMITTERS = "SELECT id FROM transmitter WHERE norad_id = $1 ORDER BY id";
  private static final String UPSERT = """
      INSERT INTO campaign_target (campaign_id, norad_id, weight, transmitter_id) VALUES ($1, $2, $3, $4)
      ON CONFLICT (campaign_id, norad_id) DO UPDATE SET weight = $3, transmitter_id = $4
      RETURNING norad_id, weight, transmitter_id, (xmax = 0) AS inserted""";
  private static final String DELETE = "DELETE FROM campaign_target WHERE campaign_id = $1 AND norad_id = $2";

  private final Pool pool;
  private final Access access;
  private final ChangeNotices notices;

  Targets(Pool pool, Access access, ChangeNotices notices) {
    this.pool = pool;
    this.access = access;
    this.notices = notices;
  }

  /** Adds a target or changes its weight and transmitter: 201 when it is new, 200 otherwise. */
  Future<Reply> set(ApiRequest request) {
    Principal principal = request.principal();
    UUID campaignId = request.uuidParam("campaignId");
    int noradId = noradId(request);
    JsonObject body = request.body();
    double weight = body.getDouble("weight", 1.0);
    String transmitterId = body.getString("transmitterId");
    if (weight <= 0) {
      throw ServiceFailure.invalid("weight", weight, "a positive number");
    }

    return access.require(principal, request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection ->
                Campaigns.openForChange(connection, grant.orgId(), campaignId, "change the targets of")
                    .compose(campaign -> satellite(connection, noradId, transmitterId))
                    .compose(name -> connection.preparedQuery(UPSERT)
                        .execute(Tuple.of(campaignId, noradId, weight, transmitterId))
                        .compose(rows -> {
                          Row row = rows.iterator().next();
                          return AuditLog.record(connection, principal.userId(), "campaign.target_set",
                                  grant.orgId(), new JsonObject().put("campaign", campaignId.toString())
                                      .put("noradId", noradId).put("weight", weight))
                              .map(ignored -> {
                                JsonObject target = new JsonObject().put("noradId", noradId).put("name", name)
                                    .put("weight", row.getDouble("weight"))
                                    .put("transmitterId", row.getString("transmitter_id"));
                                return row.getBoolean("inserted") ? Reply.created(target, null)
                                    : Reply.ok(target);
                              });
                        })))
            .onSuccess(reply -> notices.publish(grant.orgId(), campaignId, null)));
  }

  Future<Reply> remove(ApiRequest request) {
    Principal principal = request.principal();
    UUID campaignId = request.uuidParam("campaignId");
    int noradId = noradId(request);

    return access.require(principal, request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection ->
                Campaigns.openForChange(connection, grant.orgId(), campaignId, "change the targets of")
                    .compose(campaign -> connection.preparedQuery(DELETE).execute(Tuple.of(campaignId, noradId)))
                    .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(ServiceFailure.notFound("target", noradId))
                        : AuditLog.record(connection, principal.userId(), "campaign.target_removed",
                            grant.orgId(), new JsonObject().put("campaign", campaignId.toString())
                                .put("noradId", noradId))))
            .onSuccess(ignored -> notices.publish(grant.orgId(), campaignId, null)))
        .map(ignored -> Reply.noContent());
  }

  /**
   * The name of satellite {@code noradId}, checking that {@code transmitterId} (when given) is one of
   * its transmitters.
   *
   * @return a future that fails with 404 naming an unknown satellite, or 400 naming the transmitter
   *     and the satellite's own transmitters
   */
  private static Future<String> satellite(SqlClient connection, int noradId, String transmitterId) {
    return connection.preparedQuery(SATELLITE).execute(Tuple.of(noradId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ServiceFailure.notFound("satellite", noradId));
      }
      String name = rows.iterator().next().getString("name");
      if (transmitterId == null) {
        return Future.succeededFuture(name);
      }
      return connection.preparedQuery(TRANSMITTERS).execute(Tuple.of(noradId)).map(transmitters -> {
        List<String> ids = new ArrayList<>();
        transmitters.forEach(row -> ids.add(row.getString("id")));
        if (!ids.contains(transmitterId)) {
          throw ServiceFailure.invalid("transmitterId", transmitterId, ids.isEmpty()
              ? "none: satellite " + noradId + " has no transmitter in the catalogue"
              : "a transmitter of satellite " + noradId + ": " + String.join(", ", ids));
        }
        return name;
      });
    });
  }

  private static int noradId(ApiRequest request) {
    String value = request.pathParam("noradId");
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ServiceFailure.invalid("noradId", value, "a NORAD catalogue number from 1");
    }
  }
}
