package talos.core.director;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import talos.core.bus.ServiceFailure;
import talos.core.db.SqlErrors;
import talos.core.orbit.Pass;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The observation store on PostgreSQL ({@code observation}, {@code planned_pass}), and the queries
 * of the observations API. Every statement is one round trip; none runs per tick.
 */
final class PgObservationStore implements ObservationStore {

  /** The most observations one page of the API holds. */
  static final int MAX_PAGE = 500;

  private static final String UNDER_WAY = "outcome IN ('pending', 'tracking')";
  private static final String DUE = """
      SELECT p.id, p.org_id, p.campaign_id, p.station_id, p.norad_id, p.transmitter_id, p.aos,
             p.tca, p.los, p.max_elevation, o.id AS observation_id
        FROM planned_pass p
        LEFT JOIN observation o ON o.planned_pass_id = p.id
       WHERE p.status = 'planned' AND p.aos < $1 AND p.los > $2 AND p.station_id = ANY($3)
       ORDER BY p.aos""";
  private static final String INSERT_PLANNED = """
      INSERT INTO observation (org_id, station_id, campaign_id, planned_pass_id, norad_id,
                               transmitter_id, planned_aos, planned_los, max_elevation, outcome,
                               reason, driven_by, ended_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT DO NOTHING
      RETURNING *""";
  private static final String STARTED = """
      UPDATE observation
         SET outcome = 'tracking', session_id = $2, epoch = $3, driven_by = $4,
             started_at = COALESCE(started_at, $5), updated_at = now()
       WHERE id = $1 AND\s""" + UNDER_WAY + " RETURNING id";
  private static final String PROGRESS = """
      UPDATE observation o
         SET tracking_error_rms = u.rms, tracking_error_max = u.max,
             telemetry_samples = u.samples, updated_at = now()
        FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::int[]) AS u(id, rms, max, samples)
       WHERE o.id = u.id AND o.outcome IN ('pending', 'tracking')""";
  private static final String END = """
      UPDATE observation
         SET outcome = $2, reason = $3, ended_at = $4, updated_at = now()
       WHERE id = $1 AND\s""" + UNDER_WAY + " RETURNING *";
  private static final String END_WITH_ERROR = """
      UPDATE observation
         SET outcome = $2, reason = $3, ended_at = $4, updated_at = now(),
             tracking_error_rms = $5, tracking_error_max = $6, telemetry_samples = $7
       WHERE id = $1 AND\s""" + UNDER_WAY + " RETURNING *";
  private static final String ABORT_FOR_MANUAL = """
      UPDATE observation
         SET outcome = 'aborted', ended_at = now(), updated_at = now(),
             reason = CASE WHEN planned_pass_id IS NULL AND campaign_id IS NULL
                           THEN 'replaced by a new manual track'
                           ELSE 'taken over by a manual track' END
       WHERE station_id = $1 AND\s""" + UNDER_WAY + " RETURNING *";
  private static final String INSERT_MANUAL = """
      INSERT INTO observation (org_id, station_id, norad_id, transmitter_id, planned_aos,
                               planned_los, max_elevation, outcome, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8)
      RETURNING *""";
  private static final String ONE = "SELECT * FROM observation WHERE org_id = $1 AND id = $2";

  /** What an observation ended by a manual track's start was, and the new observation. */
  record ManualStart(Observation observation, List<Observation> replaced) {
  }

  private final Pool pool;

  PgObservationStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<UUID>> stations() {
    return pool.query("SELECT id FROM station").execute().map(rows -> {
      List<UUID> ids = new ArrayList<>(rows.size());
      rows.forEach(row -> ids.add(row.getUUID("id")));
      return ids;
    });
  }

  @Override
  public Future<List<PlannedPass>> duePasses(Collection<UUID> stations, Instant now, Instant until) {
    if (stations.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(DUE)
        .execute(Tuple.of(time(until), time(now), stations.toArray(new UUID[0])))
        .map(rows -> {
          List<PlannedPass> passes = new ArrayList<>(rows.size());
          for (Row row : rows) {
            passes.add(new PlannedPass(row.getUUID("id"), row.getUUID("org_id"),
                row.getUUID("campaign_id"), row.getUUID("station_id"), row.getInteger("norad_id"),
                row.getString("transmitter_id"), instant(row, "aos"), instant(row, "tca"),
                instant(row, "los"), row.getDouble("max_elevation"),
                row.getUUID("observation_id")));
          }
          return passes;
        });
  }

  @Override
  public Future<List<Observation>> underWay(Collection<UUID> stations) {
    if (stations.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("SELECT * FROM observation WHERE station_id = ANY($1) AND "
            + UNDER_WAY).execute(Tuple.of((Object) stations.toArray(new UUID[0])))
        .map(PgObservationStore::observations);
  }

  @Override
  public Future<Optional<Observation>> open(PlannedPass pass, String node) {
    return insert(pass, Outcome.PENDING, null, node, null);
  }

  @Override
  public Future<Optional<Observation>> close(PlannedPass pass, Outcome outcome, String reason,
                                             String node, Instant at) {
    return insert(pass, outcome, reason, node, at);
  }

  private Future<Optional<Observation>> insert(PlannedPass pass, Outcome outcome, String reason,
                                               String node, Instant endedAt) {
    return pool.preparedQuery(INSERT_PLANNED)
        .execute(Tuple.tuple().addUUID(pass.orgId()).addUUID(pass.stationId())
            .addUUID(pass.campaignId()).addUUID(pass.id()).addInteger(pass.noradId())
            .addString(pass.transmitterId()).addOffsetDateTime(time(pass.aos()))
            .addOffsetDateTime(time(pass.los())).addDouble(pass.maxElevation())
            .addString(outcome.wireName()).addString(reason).addString(node)
            .addOffsetDateTime(endedAt == null ? null : time(endedAt)))
        .map(rows -> observations(rows).stream().findFirst());
  }

  @Override
  public Future<Boolean> started(Observation observation, Instant at) {
    return pool.preparedQuery(STARTED)
        .execute(Tuple.of(observation.id(), observation.sessionId(), observation.epoch(),
            observation.drivenBy(), time(observation.startedAt() == null ? at
                : observation.startedAt())))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Void> progress(List<Progress> progress) {
    if (progress.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = new UUID[progress.size()];
    Double[] rms = new Double[progress.size()];
    Double[] max = new Double[progress.size()];
    Integer[] samples = new Integer[progress.size()];
    for (int i = 0; i < ids.length; i++) {
      Progress one = progress.get(i);
      ids[i] = one.observationId();
      rms[i] = one.rms();
      max[i] = one.max();
      samples[i] = one.samples();
    }
    return pool.preparedQuery(PROGRESS).execute(Tuple.of(ids, rms, max, samples)).mapEmpty();
  }

  @Override
  public Future<Optional<Observation>> end(UUID observationId, Outcome outcome, String reason,
                                           Instant at, Progress progress) {
    Tuple tuple = Tuple.of(observationId, outcome.wireName(), reason, time(at));
    if (progress != null && progress.samples() > 0) {
      tuple.addDouble(progress.rms()).addDouble(progress.max()).addInteger(progress.samples());
    }
    return pool.preparedQuery(tuple.size() > 4 ? END_WITH_ERROR : END).execute(tuple)
        .map(rows -> observations(rows).stream().findFirst());
  }

  /**
   * Records a manual track's observation ({@code pending}, {@code created_by} the operator) in one
   * transaction with ending whatever observation of the station was under way: a planned one is
   * aborted as taken over by a manual track, a manual one as replaced.
   *
   * @return the new observation and those it ended; fails with 409 when another track of the
   *     station was recorded at the same moment
   */
  Future<ManualStart> openManual(UUID orgId, UUID stationId, int noradId, String transmitterId,
                                 Pass pass, UUID createdBy, String stationName) {
    return pool.withTransaction(connection -> connection.preparedQuery(ABORT_FOR_MANUAL)
            .execute(Tuple.of(stationId))
            .compose(ended -> connection.preparedQuery(INSERT_MANUAL)
                .execute(Tuple.tuple().addUUID(orgId).addUUID(stationId).addInteger(noradId)
                    .addString(transmitterId).addOffsetDateTime(time(pass.aos()))
                    .addOffsetDateTime(time(pass.los())).addDouble(pass.maxElevation())
                    .addUUID(createdBy))
                .map(created -> new ManualStart(observations(created).get(0),
                    observations(ended)))))
        .recover(failure -> Future.failedFuture(SqlErrors.isUniqueViolation(failure)
            ? ServiceFailure.conflict("another track of station '" + stationName
                + "' is starting at this moment; try again")
            : failure));
  }

  /**
   * One page of an organisation's observations, newest planned AOS first.
   *
   * @return {@code {"observations": [...], "limit", "offset", "nextOffset"}}, {@code nextOffset}
   *     {@code null} on the last page
   */
  Future<JsonObject> list(UUID orgId, ObservationQuery query) {
    List<Object> values = new ArrayList<>();
    values.add(orgId);
    StringBuilder sql = new StringBuilder("SELECT * FROM observation WHERE org_id = $1");
    if (query.stationId() != null) {
      values.add(query.stationId());
      sql.append(" AND station_id = $").append(values.size());
    }
    if (query.campaignId() != null) {
      values.add(query.campaignId());
      sql.append(" AND campaign_id = $").append(values.size());
    }
    if (query.from() != null) {
      values.add(time(query.from()));
      sql.append(" AND planned_los > $").append(values.size());
    }
    if (query.to() != null) {
      values.add(time(query.to()));
      sql.append(" AND planned_aos < $").append(values.size());
    }
    if (query.outcome() != null) {
      values.add(query.outcome().wireName());
      sql.append(" AND outcome = $").append(values.size());
    }
    values.add(query.limit() + 1);
    sql.append(" ORDER BY planned_aos DESC, id LIMIT $").append(values.size());
    values.add(query.offset());
    sql.append(" OFFSET $").append(values.size());
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(rows -> {
      JsonArray page = new JsonArray();
      for (Row row : rows) {
        if (page.size() < query.limit()) {
          page.add(toJson(row));
        }
      }
      boolean more = rows.size() > query.limit();
      return new JsonObject().put("observations", page).put("limit", query.limit())
          .put("offset", query.offset())
          .put("nextOffset", more ? query.offset() + query.limit() : null);
    });
  }

  /** One observation of an organisation; 404 when it has none by that id. */
  Future<JsonObject> get(UUID orgId, UUID id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(orgId, id)).map(rows -> {
      if (rows.size() == 0) {
        throw ServiceFailure.notFound("observation", id);
      }
      return toJson(rows.iterator().next());
    });
  }

  /** An observation as the API shows it. */
  static JsonObject toJson(Row row) {
    Double rms = row.getDouble("tracking_error_rms");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("stationId", row.getUUID("station_id").toString())
        .put("campaignId", text(row.getUUID("campaign_id")))
        .put("plannedPassId", text(row.getUUID("planned_pass_id")))
        .put("kind", row.getUUID("planned_pass_id") == null && row.getUUID("campaign_id") == null
            ? "manual" : "planned")
        .put("noradId", row.getInteger("norad_id"))
        .put("transmitterId", row.getString("transmitter_id"))
        .put("plannedAos", instant(row, "planned_aos").toString())
        .put("plannedLos", instant(row, "planned_los").toString())
        .put("maxElevation", row.getDouble("max_elevation"))
        .put("startedAt", text(instant(row, "started_at")))
        .put("endedAt", text(instant(row, "ended_at")))
        .put("outcome", row.getString("outcome"))
        .put("reason", row.getString("reason"))
        .put("sessionId", row.getString("session_id"))
        .put("epoch", row.getLong("epoch"))
        .put("drivenBy", row.getString("driven_by"))
        .put("trackingError", new JsonObject()
            .put("rms", rms)
            .put("max", row.getDouble("tracking_error_max"))
            .put("samples", row.getInteger("telemetry_samples")))
        .put("createdBy", text(row.getUUID("created_by")))
        .put("createdAt", instant(row, "created_at").toString())
        .put("updatedAt", instant(row, "updated_at").toString());
  }

  private static List<Observation> observations(RowSet<Row> rows) {
    List<Observation> list = new ArrayList<>(rows.size());
    for (Row row : rows) {
      list.add(new Observation(row.getUUID("id"), row.getUUID("org_id"), row.getUUID("station_id"),
          row.getUUID("campaign_id"), row.getUUID("planned_pass_id"), row.getInteger("norad_id"),
          row.getString("transmitter_id"), instant(row, "planned_aos"),
          instant(row, "planned_los"), row.getDouble("max_elevation"),
          Outcome.of(row.getString("outcome")), row.getString("session_id"),
          row.getLong("epoch"), row.getString("driven_by"), instant(row, "started_at"),
          row.getDouble("tracking_error_rms"), row.getDouble("tracking_error_max"),
          row.getInteger("telemetry_samples"), instant(row, "created_at")));
    }
    return list;
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
