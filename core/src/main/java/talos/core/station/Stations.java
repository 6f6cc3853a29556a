package talos.core.station;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.audit.AuditLog;
import talos.core.auth.StationKeys;
import talos.core.bus.Addresses;
import talos.core.bus.ApiRequest;
import talos.core.bus.Principal;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.security.Sanitizer;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Ground stations of an organisation: where they are, what their horizon hides, how far and how fast
 * their rotator turns, and the key their agent signs in with. The key is returned once, when the
 * station is created or its key rotated; only its hash is kept.
 */
final class Stations {

  static final int NAME_MAX = 80;

  private static final String COLUMNS = """
      id, name, latitude, longitude, altitude, horizon_mask, rotator, key_created_at, created_at, updated_at,
      last_seen_at""";
  private static final String INSERT = """
      INSERT INTO station (org_id, name, latitude, longitude, altitude, horizon_mask, rotator, key_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING """ + " " + COLUMNS;
  private static final String LIST = "SELECT " + COLUMNS + " FROM station WHERE org_id = $1 ORDER BY name";
  private static final String ONE = "SELECT " + COLUMNS + " FROM station WHERE org_id = $1 AND id = $2";
  private static final String UPDATE = """
      UPDATE station SET name = $3, latitude = $4, longitude = $5, altitude = $6, horizon_mask = $7,
             rotator = $8, updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING """ + " " + COLUMNS;
  private static final String DELETE = "DELETE FROM station WHERE org_id = $1 AND id = $2 RETURNING name";
  private static final String ROTATE = """
      UPDATE station SET key_hash = $3, key_created_at = now(), updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING key_created_at""";

  private final Pool pool;
  private final Access access;
  private final StationKeys keys;
  private final EventBus eventBus;

  /** @param eventBus where {@link Addresses#STATION_CHANGED} is published after each change */
  Stations(Pool pool, Access access, StationKeys keys, EventBus eventBus) {
    this.pool = pool;
    this.access = access;
    this.keys = keys;
    this.eventBus = eventBus;
  }

  Future<Reply> create(ApiRequest request) {
    Principal principal = request.principal();
    JsonObject body = request.body();
    Site site = Site.from(body, null);
    String slug = request.pathParam("slug");

    return access.require(principal, slug, Role.OWNER)
        .compose(grant -> keys.generate().compose(key -> pool.withTransaction(connection -> connection
            .preparedQuery(INSERT)
            .execute(Tuple.of(grant.orgId(), site.name(), site.latitude(), site.longitude(), site.altitude(),
                site.horizonMask(), site.rotator(), key.hash()))
            .compose(rows -> {
              JsonObject station = toJson(rows.iterator().next());
              return AuditLog.record(connection, principal.userId(), "station.created", grant.orgId(),
                      new JsonObject().put("station", station.getString("id")).put("name", site.name()))
                  .map(ignored -> Reply.created(station.put("apiKey", key.key()),
                      "/api/orgs/" + slug + "/stations/" + station.getString("id")));
            }))
            .onSuccess(reply ->
                changed(grant.orgId(), ((JsonObject) reply.body()).getString("id")))))
        .recover(e -> Future.failedFuture(nameTaken(e, site.name())));
  }

  Future<Reply> list(ApiRequest request) {
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> pool.preparedQuery(LIST).execute(Tuple.of(grant.orgId())))
        .map(rows -> {
          JsonArray stations = new JsonArray();
          rows.forEach(row -> stations.add(toJson(row)));
          return Reply.ok(new JsonObject().put("stations", stations));
        });
  }

  Future<Reply> get(ApiRequest request) {
    UUID id = request.uuidParam("stationId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> find(grant.orgId(), id))
        .map(row -> Reply.ok(toJson(row)));
  }

  Future<Reply> update(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("stationId");
    JsonObject changes = request.body();

    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> find(grant.orgId(), id).compose(current -> {
          Site site = Site.from(changes, toJson(current));
          return pool.withTransaction(connection -> connection.preparedQuery(UPDATE)
              .execute(Tuple.of(grant.orgId(), id, site.name(), site.latitude(), site.longitude(),
                  site.altitude(), site.horizonMask(), site.rotator()))
              .compose(rows -> AuditLog.record(connection, principal.userId(), "station.updated", grant.orgId(),
                      new JsonObject().put("station", id.toString())
                          .put("fields", new JsonArray(changes.fieldNames().stream().sorted().toList())))
                  .map(ignored -> Reply.ok(toJson(rows.iterator().next())))))
              .onSuccess(reply -> changed(grant.orgId(), id.toString()))
              .recover(e -> Future.failedFuture(nameTaken(e, site.name())));
        }));
  }

  Future<Reply> delete(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("stationId");
    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> pool.withTransaction(connection -> connection.preparedQuery(DELETE)
            .execute(Tuple.of(grant.orgId(), id))
            .compose(rows -> rows.size() == 0
                ? Future.failedFuture(ServiceFailure.notFound("station", id))
                : AuditLog.record(connection, principal.userId(), "station.deleted", grant.orgId(),
                    new JsonObject().put("station", id.toString())
                        .put("name", rows.iterator().next().getString("name"))))
            .onSuccess(ignored -> changed(grant.orgId(), id.toString()))))
        .map(ignored -> Reply.noContent());
  }

  /** Tells every node (the scheduler) that a station of {@code orgId} changed. */
  private void changed(UUID orgId, String stationId) {
    eventBus.publish(Addresses.STATION_CHANGED,
        new JsonObject().put("orgId", orgId.toString()).put("stationId", stationId));
  }

  Future<Reply> rotateKey(ApiRequest request) {
    Principal principal = request.principal();
    UUID id = request.uuidParam("stationId");
    return access.require(principal, request.pathParam("slug"), Role.OWNER)
        .compose(grant -> find(grant.orgId(), id).compose(ignored -> keys.generate())
            .compose(key -> pool.withTransaction(connection -> connection.preparedQuery(ROTATE)
                .execute(Tuple.of(grant.orgId(), id, key.hash()))
                .compose(rows -> AuditLog.record(connection, principal.userId(), "station.key_rotated",
                        grant.orgId(), new JsonObject().put("station", id.toString()))
                    .map(done -> Reply.ok(new JsonObject()
                        .put("stationId", id.toString())
                        .put("apiKey", key.key())
                        .put("keyCreatedAt", rows.iterator().next().getOffsetDateTime("key_created_at")
                            .toString())))))));
  }

  private Future<Row> find(UUID orgId, UUID id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(orgId, id)).map(rows -> {
      if (rows.size() == 0) {
        throw ServiceFailure.notFound("station", id);
      }
      return rows.iterator().next();
    });
  }

  private static Throwable nameTaken(Throwable e, String name) {
    return SqlErrors.isUniqueViolation(e)
        ? ServiceFailure.conflict("a station named '" + name + "' already exists in this organisation")
        : e;
  }

  static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("latitude", row.getDouble("latitude"))
        .put("longitude", row.getDouble("longitude"))
        .put("altitude", row.getDouble("altitude"))
        .put("horizonMask", row.getJsonArray("horizon_mask"))
        .put("rotator", row.getJsonObject("rotator"))
        .put("keyCreatedAt", row.getOffsetDateTime("key_created_at").toString())
        .put("createdAt", row.getOffsetDateTime("created_at").toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toString())
        .put("lastSeenAt", row.getOffsetDateTime("last_seen_at") == null ? null
            : row.getOffsetDateTime("last_seen_at").toString());
  }

  /**
   * A station's description, checked beyond what the contract can say: a non-empty plain-text name,
   * a horizon mask with one point per azimuth (sorted on the way in), rotator ranges whose minimum is
   * below their maximum.
   */
  record Site(String name, double latitude, double longitude, double altitude, JsonArray horizonMask,
              JsonObject rotator) {

    /** The site described by {@code changes}, with missing fields taken from {@code current}. */
    static Site from(JsonObject changes, JsonObject current) {
      JsonObject merged = current == null ? new JsonObject() : current.copy();
      changes.forEach(entry -> merged.put(entry.getKey(), entry.getValue()));

      String rawName = merged.getString("name");
      String name = Sanitizer.plainText(rawName);
      if (name == null || name.isEmpty() || name.length() > NAME_MAX) {
        throw ServiceFailure.invalid("name", rawName, "1 to " + NAME_MAX + " characters of plain text");
      }
      return new Site(name, merged.getDouble("latitude"), merged.getDouble("longitude"),
          merged.getDouble("altitude"), horizonMask(merged.getJsonArray("horizonMask", new JsonArray())),
          rotator(merged.getJsonObject("rotator")));
    }

    private static JsonArray horizonMask(JsonArray points) {
      List<JsonObject> sorted = new ArrayList<>();
      points.forEach(point -> sorted.add((JsonObject) point));
      sorted.sort(Comparator.comparingDouble(point -> point.getDouble("azimuth")));
      for (int i = 1; i < sorted.size(); i++) {
        double azimuth = sorted.get(i).getDouble("azimuth");
        if (azimuth == sorted.get(i - 1).getDouble("azimuth")) {
          throw ServiceFailure.invalid("horizonMask", "azimuth " + azimuth + "° twice",
              "one minimum elevation per azimuth");
        }
      }
      return new JsonArray(new ArrayList<>(sorted));
    }

    private static JsonObject rotator(JsonObject rotator) {
      if (rotator == null) {
        return null;
      }
      for (String axis : List.of("azimuth", "elevation")) {
        JsonObject range = rotator.getJsonObject(axis);
        if (range.getDouble("min") >= range.getDouble("max")) {
          throw ServiceFailure.invalid("rotator." + axis, "min " + range.getDouble("min") + "° to max "
              + range.getDouble("max") + "°", "a minimum below the maximum");
        }
      }
      return rotator;
    }
  }
}
