package talos.core.campaign;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.security.Sanitizer;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.util.UUID;

/**
 * Time a station's owner keeps for maintenance or local use, which campaigns must leave free. Owners
 * manage reservations and every member reads them; the database refuses a reservation that
 * overlaps another of the same station.
 */
final class Reservations {

  static final int REASON_MAX = 500;

  private static final String COLUMNS = """
      id, lower(during) AS from_at, upper(during) AS to_at, reason, created_by, created_at""";
  private static final String LIST = "SELECT " + COLUMNS
      + " FROM station_reservation WHERE station_id = $1 ORDER BY lower(during)";
  private static final String INSERT = """
      INSERT INTO station_reservation (station_id, during, reason, created_by)
      VALUES ($1, tstzrange($2, $3, '[)'), $4, $5) RETURNING""" + " " + COLUMNS;
  private static final String CONFLICT = "SELECT " + COLUMNS + " FROM station_reservation"
      + " WHERE station_id = $1 AND during && tstzrange($2, $3, '[)') ORDER BY lower(during) LIMIT 1";
  private static final String DELETE = "DELETE FROM station_reservation WHERE station_id = $1 AND id = $2";

  private final Pool pool;
  private final Access access;
  private final ChangeNotices notices;

  Reservations(Pool pool, Access access, ChangeNotices notices) {
    this.pool = pool;
    this.access = access;
    this.notices = notices;
  }

  Future<Reply> list(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> Assignments.stationName(pool, grant.orgId(), stationId))
        .compose(name -> pool.preparedQuery(LIST).execute(Tuple.of(stationId)))
        .map(rows -> {
          JsonArray reservations = new JsonArray();
          rows.forEach(row -> reservations.add(toJson(row)));
          return Reply.ok(new JsonObject().put("reservations", reservations));
        });
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    String slug = request.pathParam("slug");
    UUID stationId = request.uuidParam("stationId");
    JsonObject body = request.body();
    Window window = Window.required(body);
    String rawReason = body.getString("reason", "");
    String reason = Sanitizer.plainText(rawReason);
    if (reason.length() > REASON_MAX) {
      throw ServiceFailure.invalid("reason", rawReason.substring(0, 40) + "...",
          "at most " + REASON_MAX + " characters of plain text");
    }

    return access.require(principal, slug, Role.OWNER)
        .compose(grant -> pool.withTransaction(connection ->
                Assignments.stationName(connection, grant.orgId(), stationId)
                    .compose(name -> connection.preparedQuery(INSERT)
                        .execute(Tuple.of(stationId, window.from(), window.to(), reason, principal.userUuid())))
                    .compose(rows -> {
                      JsonObject reservation = toJson(rows.iterator().next());
                      return AuditLog.record(connection, principal.userId(), "station.reservation_created",
                              grant.orgId(), new JsonObject().put("station", stationId.toString())
                                  .put("reservation", reservation.getString("id")))
                          .map(ignored -> reservation);
                    }))
            .recover(e -> refusal(e, stationId, window))
            .onSuccess(reservation -> notices.publish(grant.orgId(), null, stationId)))
        .map(reservation -> Reply.created(reservation,
            "/api/orgs/" + slug + "/stations/" + stationId + "/reservations"));
  }

  Future<Reply> delete(ApiRequest request) {
    Principal principal = request.principal();
    UUID stationId = request.uuidParam("stationId");
    UUID id = request.uuidParam("reservationId");

    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.withTransaction(connection ->
                Assignments.stationName(connection, grant.orgId(), stationId)
                    .compose(name -> connection.preparedQuery(DELETE).execute(Tuple.of(stationId, id)))
                    .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(ServiceFailure.notFound("reservation", id))
                        : AuditLog.record(connection, principal.userId(), "station.reservation_deleted",
                            grant.orgId(), new JsonObject().put("station", stationId.toString())
                                .put("reservation", id.toString()))))
            .onSuccess(ignored -> notices.publish(grant.orgId(), null, stationId)))
        .map(ignored -> Reply.noContent());
  }

  /** Turns an overlap into a 409 that names the reservation it conflicts with. */
  private Future<JsonObject> refusal(Throwable e, UUID stationId, Window window) {
    if (!SqlErrors.isExclusionViolation(e)) {
      return Future.failedFuture(e);
    }
    return pool.preparedQuery(CONFLICT).execute(Tuple.of(stationId, window.from(), window.to()))
        .compose(rows -> {
          String existing = "another reservation";
          if (rows.size() > 0) {
            Row row = rows.iterator().next();
            existing = "reservation " + row.getUUID("id") + " ('" + row.getString("reason") + "') from "
                + Window.of(row).describe();
          }
          return Future.failedFuture(ServiceFailure.conflict("station '" + stationId + "' is already reserved by "
              + existing + "; the window " + window.describe() + " overlaps it, and reservations of one station"
              + " may not overlap (adjacent windows may)"));
        });
  }

  static JsonObject toJson(Row row) {
    UUID createdBy = row.getUUID("created_by");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("window", Window.of(row).toJson())
        .put("reason", row.getString("reason"))
        .put("createdBy", createdBy == null ? null : createdBy.toString())
        .put("createdAt", row.getOffsetDateTime("created_at").toString());
  }
}
