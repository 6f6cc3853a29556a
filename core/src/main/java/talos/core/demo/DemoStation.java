package talos.core.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import talos.core.auth.StationKeys;

import java.util.UUID;

/**
 * The demo's organisation, owner and station, created on the first demo start and kept afterwards,
 * with a destination of kind live for every frame, so the station page shows frames arriving. The
 * station gets a fresh key on every start, handed only to the in-process agent.
 */
final class DemoStation {

  /** The account that owns the demo organisation; in dev mode anyone may sign in as it. */
  static final String OWNER_EMAIL = "demo@talos.test";
  static final String ORG_SLUG = "demo";
  static final String STATION_NAME = "Demo station";
  static final String LIVE_DESTINATION_NAME = "Live view";

  /** Berlin, with a 0–450° by 0–180° rotator turning 6° per second on each axis. */
  static final double LATITUDE = 52.5200;
  static final double LONGITUDE = 13.4050;
  static final double ALTITUDE = 34;
  static final JsonObject ROTATOR = new JsonObject()
      .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
      .put("elevation", new JsonObject().put("min", 0).put("max", 180))
      .put("azimuthSpeed", 6)
      .put("elevationSpeed", 6);

  private static final String USER = """
      INSERT INTO app_user (email) VALUES ($1)
      ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id""";
  private static final String ORGANISATION = """
      INSERT INTO organisation (slug, name, description) VALUES ($1, $2, $3)
      ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id""";
  private static final String OWNER = """
      INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, 'owner')
      ON CONFLICT DO NOTHING""";
  private static final String STATION = """
      INSERT INTO station (org_id, name, latitude, longitude, altitude, rotator, key_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (org_id, name) DO UPDATE SET key_hash = EXCLUDED.key_hash,
             key_created_at = now(), updated_at = now()
      RETURNING id""";
  /** Every frame to the live feed, unless the organisation has a live destination (renamed, say). */
  private static final String LIVE_DESTINATION = """
      INSERT INTO destination (org_id, name, kind, all_frames, created_by)
      SELECT $1, $2, 'live', true, $3
       WHERE NOT EXISTS (SELECT 1 FROM destination WHERE org_id = $1 AND kind = 'live')
      ON CONFLICT (org_id, name) DO NOTHING""";

  /** What the demo needs to run its agent and to act as the organisation's owner. */
  record Identity(UUID ownerId, UUID orgId, UUID stationId, String key) {

    @Override
    public String toString() {
      return "Identity[owner=" + ownerId + ", org=" + orgId + ", station=" + stationId + "]";
    }
  }

  private DemoStation() {
  }

  /**
   * Creates what is missing and gives the station a new key.
   *
   * @param administrator the configured administrator's address, made an owner too, or {@code null}
   * @return a future that succeeds with the demo's identity, or fails with the database's error
   */
  static Future<Identity> prepare(Pool pool, StationKeys keys, String administrator) {
    return keys.generate().compose(key -> pool.withTransaction(connection ->
        upsert(connection, USER, Tuple.of(OWNER_EMAIL)).compose(owner ->
            upsert(connection, ORGANISATION, Tuple.of(ORG_SLUG, "Demo network",
                "A simulated station tracking real satellites, started with --demo"))
                .compose(org -> connection.preparedQuery(OWNER).execute(Tuple.of(org, owner))
                    .compose(ignored -> administrator == null ? Future.succeededFuture()
                        : upsert(connection, USER, Tuple.of(administrator)).compose(admin ->
                            connection.preparedQuery(OWNER).execute(Tuple.of(org, admin))))
                    .compose(ignored -> connection.preparedQuery(LIVE_DESTINATION)
                        .execute(Tuple.of(org, LIVE_DESTINATION_NAME, owner)))
                    .compose(ignored -> upsert(connection, STATION, Tuple.of(org, STATION_NAME,
                        LATITUDE, LONGITUDE, ALTITUDE, ROTATOR, key.hash())))
                    .map(station -> new Identity(owner, org, station, key.key()))))));
  }

  private static Future<UUID> upsert(SqlConnection connection, String sql, Tuple arguments) {
    return connection.preparedQuery(sql).execute(arguments).map(rows -> {
      Row row = rows.iterator().next();
      return row.getUUID("id");
    });
  }
}
