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
import talos.core.db.SqlErrors;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.util.UUID;

/**
 * Which of the organisation's stations serve a campaign. An assignment with a window books the
 * station for {@code [from, to)}; the database refuses a booking that overlaps another of the same
 * station (adjacent windows are fine), so concurrent requests on different nodes cannot both win.
 * An assignment without a window books nothing.
 */
final class Assignments {

  static final String STATION = "SELECT name FROM station WHERE org_id = $1 AND id = $2";
  private static final String INSERT = """
      WITH a AS (
        INSERT INTO campaign_assignment (campaign_id, station_id, during)
        VALUES ($1, $2, CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE tstzrange($3, $4, '[)') END)
        RETURNING id, station_id, lower(during) AS from_at, upper(during) AS to_at, released)
      SELECT a.*, s.name AS station_name FROM a JOIN station s ON s.id = a.station_id""";
  private static final String CONFLICT = """
      SELECT c.id, c.name, lower(a.during) AS from_at, upper(a.during) AS to_at
        FROM campaign_assignment a JOIN campaign c ON c.id = a.campaign_id
       WHERE a.station_id = $1 AND NOT a.released AND a.during && tstzrange($2, $3, '[)')
       ORDER BY lower(a.during) LIMIT 1""";
  private static final String DELETE = """
      DELETE FROM campaign_assignment WHERE campaign_id = $1 AND id = $2 RETURNING station_id""";

  private final Pool pool;
  private final Access access;
  private final ChangeNotices notices;

  Assignments(Pool pool, Access access, ChangeNotices notices) {
    this.pool = pool;
    this.access = access;
    this.notices = notices;
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    String slug = request.pathParam("slug");
    UUID campaignId = request.uuidParam("campaignId");
    JsonObject body = request.body();
    UUID stationId = uuid("stationId", body.getString("stationId"));
    Window window = Window.optional(body);

    return access.require(principal, slug, Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection ->
                Campaigns.openForChange(connection, grant.orgId(), campaignId, "assign stations to")
                    .compose(campaign -> stationName(connection, grant.orgId(), stationId))
                    .compose(stationName -> connection.preparedQuery(INSERT)
                        .execute(Tuple.of(campaignId, stationId, window == null ? null : window.from(),
                            window == null ? null : window.to()))
                        .compose(rows -> {
                          JsonObject assignment = Campaigns.assignmentJson(rows.iterator().next());
                          return AuditLog.record(connection, principal.userId(), "campaign.assignment_created",
                                  grant.orgId(), new JsonObject().put("campaign", campaignId.toString())
                                      .put("assignment", assignment.getString("id"))
                                      .put("station", stationId.toString()))
                              .map(ignored -> assignment);
                        })))
            .recover(e -> refusal(e, stationId, window))
            .onSuccess(assignment -> notices.publish(grant.orgId(), campaignId, stationId)))
        .map(assignment -> Reply.created(assignment, "/api/orgs/" + slug + "/campaigns/" + campaignId));
  }

  Future<Reply> remove(ApiRequest request) {
    Principal principal = request.principal();
    UUID campaignId = request.uuidParam("campaignId");
    UUID id = request.uuidParam("assignmentId");

    return access.require(principal, request.pathParam("slug"), Role.OPERATOR)
        .compose(grant -> pool.withTransaction(connection ->
                Campaigns.openForChange(connection, grant.orgId(), campaignId, "unassign stations from")
                    .compose(campaign -> connection.preparedQuery(DELETE).execute(Tuple.of(campaignId, id)))
                    .compose(rows -> {
                      if (rows.size() == 0) {
                        return Future.failedFuture(ServiceFailure.notFound("assignment", id));
                      }
                      UUID stationId = rows.iterator().next().getUUID("station_id");
                      return AuditLog.record(connection, principal.userId(), "campaign.assignment_removed",
                              grant.orgId(), new JsonObject().put("campaign", campaignId.toString())
                                  .put("assignment", id.toString()))
                          .map(ignored -> stationId);
                    }))
            .onSuccess(stationId -> notices.publish(grant.orgId(), campaignId, stationId)))
        .map(ignored -> Reply.noContent());
  }

  /**
   * The name of the organisation's station {@code id}.
   *
   * @return a future that fails with 404 when the organisation has no such station
   */
  static Future<String> stationName(SqlClient client, UUID orgId, UUID id) {
    return client.preparedQuery(STATION).execute(Tuple.of(orgId, id)).map(rows -> {
      if (rows.size() == 0) {
        throw ServiceFailure.notFound("station", id);
      }
      return rows.iterator().next().getString("name");
    });
  }

  /** Turns a refused booking into a 409 that names the booking it conflicts with. */
  private Future<JsonObject> refusal(Throwable e, UUID stationId, Window window) {
    if (SqlErrors.isUniqueViolation(e)) {
      return Future.failedFuture(ServiceFailure.conflict("station '" + stationId
          + "' already serves this campaign without a window"));
    }
    if (!SqlErrors.isExclusionViolation(e)) {
      return Future.failedFuture(e);
    }
    return pool.preparedQuery(CONFLICT).execute(Tuple.of(stationId, window.from(), window.to()))
        .compose(rows -> {
          String booking = "another booking";
          if (rows.size() > 0) {
            Row row = rows.iterator().next();
            booking = "campaign '" + row.getString("name") + "' (" + row.getUUID("id") + ") from "
                + Window.of(row).describe();
          }
          return Future.failedFuture(ServiceFailure.conflict("station '" + stationId + "' is already booked by "
              + booking + "; the window " + window.describe() + " overlaps it, and bookings of one station"
              + " may not overlap (adjacent windows may)"));
        });
  }

  static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ServiceFailure.invalid(field, value, "a UUID such as 0b6c3c1e-8d3f-4a57-9b1e-2f0d6a1c7e42");
    }
  }
}
