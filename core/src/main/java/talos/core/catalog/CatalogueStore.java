package talos.core.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue in PostgreSQL: satellites, the history of their element sets and their transmitters,
 * plus the record of every synchronisation. Storing is idempotent: an element set already known is
 * not stored twice, and names are only filled in, never blanked.
 */
public final class CatalogueStore {

  private static final String UPSERT_SATELLITE = """
      INSERT INTO satellite (norad_id, name, international_designator) VALUES ($1, $2, $3)
      ON CONFLICT (norad_id) DO UPDATE SET
        name = CASE WHEN EXCLUDED.name LIKE 'NORAD %' THEN satellite.name ELSE EXCLUDED.name END,
        international_designator = coalesce(EXCLUDED.international_designator, satellite.international_designator),
        updated_at = now()""";
  private static final String INSERT_TLE = """
      INSERT INTO tle (norad_id, epoch, line1, line2, source) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (norad_id, line1, line2) DO NOTHING""";
  private static final String UPSERT_TRANSMITTER = """
      INSERT INTO transmitter (id, norad_id, description, downlink_low, downlink_high, uplink_low, uplink_high,
                               mode, baud, status, source)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 WHERE EXISTS (SELECT 1 FROM satellite WHERE norad_id = $2)
      ON CONFLICT (id) DO UPDATE SET description = EXCLUDED.description, downlink_low = EXCLUDED.downlink_low,
        downlink_high = EXCLUDED.downlink_high, uplink_low = EXCLUDED.uplink_low, uplink_high = EXCLUDED.uplink_high,
        mode = EXCLUDED.mode, baud = EXCLUDED.baud, status = EXCLUDED.status, source = EXCLUDED.source,
        updated_at = now()""";
  private static final String SET_STATUS =
      "UPDATE satellite SET status = $2, updated_at = now() WHERE norad_id = $1 AND status <> $2";
  private static final String RECORD_SYNC = """
      INSERT INTO catalogue_sync (source, started_at, succeeded, accepted, rejected, detail)
      VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String LAST_SUCCESS =
      "SELECT source, finished_at FROM catalogue_sync WHERE succeeded ORDER BY finished_at DESC LIMIT 1";
  private static final String LATEST_ELEMENTS = """
      SELECT DISTINCT ON (t.norad_id) t.norad_id, s.name, t.line1, t.line2, t.epoch
        FROM tle t JOIN satellite s ON s.norad_id = t.norad_id
       ORDER BY t.norad_id, t.epoch DESC""";
  private static final String COUNT = "SELECT count(*) FROM satellite";
  private static final String SEARCH = """
      SELECT s.norad_id, s.name, s.international_designator, s.status,
             (SELECT max(epoch) FROM tle t WHERE t.norad_id = s.norad_id) AS epoch
        FROM satellite s
       WHERE lower(s.name) LIKE $1 OR s.norad_id::text = $2 OR s.international_designator = upper($2)
       ORDER BY s.name LIMIT $3""";
  private static final String ONE = """
      SELECT s.norad_id, s.name, s.international_designator, s.status, t.line1, t.line2, t.epoch, t.source,
             t.fetched_at
        FROM satellite s LEFT JOIN LATERAL (
          SELECT line1, line2, epoch, source, fetched_at FROM tle WHERE norad_id = s.norad_id
           ORDER BY epoch DESC LIMIT 1) t ON true
       WHERE s.norad_id = $1""";
  private static final String TRANSMITTERS = """
      SELECT id, description, downlink_low, downlink_high, uplink_low, uplink_high, mode, baud, status
        FROM transmitter WHERE norad_id = $1 ORDER BY status, description""";

  /** The newest element set of one satellite. */
  public record Latest(int noradId, String name, String line1, String line2, Instant epoch) {
  }

  /** When the catalogue was last filled successfully, and from where. */
  public record LastSync(String source, Instant finishedAt) {
  }

  private final Pool pool;

  public CatalogueStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores what a source delivered, in one transaction.
   *
   * @return a future that succeeds with the number of new element sets stored
   */
  public Future<Integer> store(SourceData data) {
    List<Tuple> satellites = new ArrayList<>();
    List<Tuple> tles = new ArrayList<>();
    for (ElementSet set : data.elements().accepted()) {
      String name = set.name() == null || set.name().isBlank() ? "NORAD " + set.noradId() : set.name();
      satellites.add(Tuple.of(set.noradId(), name, set.internationalDesignator()));
      if (set.hasTleLines()) {
        tles.add(Tuple.of(set.noradId(), OffsetDateTime.ofInstant(set.epoch(), ZoneOffset.UTC), set.line1(),
            set.line2(), data.source()));
      }
    }
    List<Tuple> transmitters = data.transmitters().stream()
        .map(t -> Tuple.from(java.util.Arrays.asList(t.id(), t.noradId(), t.description(), t.downlinkLow(),
            t.downlinkHigh(), t.uplinkLow(), t.uplinkHigh(), t.mode(), t.baud(), t.status(), data.source())))
        .toList();

    List<Tuple> statuses = data.statuses().entrySet().stream()
        .map(status -> Tuple.of(status.getKey(), status.getValue()))
        .toList();

    return pool.withTransaction(connection -> batch(connection.preparedQuery(UPSERT_SATELLITE), satellites)
        .compose(ignored -> batch(connection.preparedQuery(INSERT_TLE), tles))
        .compose(inserted -> batch(connection.preparedQuery(UPSERT_TRANSMITTER), transmitters)
            .compose(ignored -> batch(connection.preparedQuery(SET_STATUS), statuses))
            .map(inserted)));
  }

  /** Writes one line of the sync history. */
  public Future<Void> recordSync(String source, Instant startedAt, boolean succeeded, int accepted, int rejected,
                                 String detail) {
    return pool.preparedQuery(RECORD_SYNC)
        .execute(Tuple.of(source, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC), succeeded, accepted,
            rejected, detail.length() > 2000 ? detail.substring(0, 2000) : detail))
        .mapEmpty();
  }

  public Future<Optional<LastSync>> lastSuccess() {
    return pool.query(LAST_SUCCESS).execute().map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new LastSync(row.getString("source"), row.getOffsetDateTime("finished_at").toInstant()));
    });
  }

  public Future<Long> size() {
    return pool.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  /** The newest element set of every satellite that has one. */
  public Future<List<Latest>> latestElements() {
    return pool.query(LATEST_ELEMENTS).execute().map(rows -> {
      List<Latest> latest = new ArrayList<>(rows.size());
      for (Row row : rows) {
        latest.add(new Latest(row.getInteger("norad_id"), row.getString("name"), row.getString("line1"),
            row.getString("line2"), row.getOffsetDateTime("epoch").toInstant()));
      }
      return latest;
    });
  }

  /** Satellites whose name contains {@code query}, or whose NORAD id or designator is {@code query}. */
  public Future<JsonArray> search(String query, int limit) {
    String pattern = "%" + query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%";
    return pool.preparedQuery(SEARCH).execute(Tuple.of(pattern, query.strip(), limit)).map(rows -> {
      JsonArray satellites = new JsonArray();
      for (Row row : rows) {
        satellites.add(new JsonObject()
            .put("noradId", row.getInteger("norad_id"))
            .put("name", row.getString("name"))
            .put("internationalDesignator", row.getString("international_designator"))
            .put("status", row.getString("status"))
            .put("epoch", row.getOffsetDateTime("epoch") == null ? null : row.getOffsetDateTime("epoch").toString()));
      }
      return satellites;
    });
  }

  /** One satellite with its newest element set and its transmitters, or empty when unknown. */
  public Future<Optional<JsonObject>> satellite(int noradId) {
    return pool.preparedQuery(ONE).execute(Tuple.of(noradId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Row row = rows.iterator().next();
      JsonObject satellite = new JsonObject()
          .put("noradId", row.getInteger("norad_id"))
          .put("name", row.getString("name"))
          .put("internationalDesignator", row.getString("international_designator"))
          .put("status", row.getString("status"))
          .put("tle", row.getString("line1") == null ? null : new JsonObject()
              .put("line1", row.getString("line1"))
              .put("line2", row.getString("line2"))
              .put("epoch", row.getOffsetDateTime("epoch").toString())
              .put("source", row.getString("source"))
              .put("fetchedAt", row.getOffsetDateTime("fetched_at").toString()));
      return transmitters(noradId).map(list -> Optional.of(satellite.put("transmitters", list)));
    });
  }

  /** The transmitters of one satellite, as JSON with frequencies in Hz. */
  public Future<JsonArray> transmitters(int noradId) {
    return pool.preparedQuery(TRANSMITTERS).execute(Tuple.of(noradId)).map(rows -> {
      JsonArray list = new JsonArray();
      for (Row row : rows) {
        list.add(new JsonObject()
            .put("id", row.getString("id"))
            .put("description", row.getString("description"))
            .put("downlinkLow", row.getLong("downlink_low"))
            .put("downlinkHigh", row.getLong("downlink_high"))
            .put("uplinkLow", row.getLong("uplink_low"))
            .put("uplinkHigh", row.getLong("uplink_high"))
            .put("mode", row.getString("mode"))
            .put("baud", row.getDouble("baud"))
            .put("status", row.getString("status")));
      }
      return list;
    });
  }

  /** Active downlinks of every satellite, by NORAD id: {@code {id, low, high, mode}} with Hz as numbers. */
  public Future<java.util.Map<Integer, List<JsonObject>>> activeDownlinks() {
    return pool.query("SELECT id, norad_id, downlink_low, downlink_high, mode FROM transmitter"
            + " WHERE status = 'active' AND downlink_low IS NOT NULL").execute()
        .map(rows -> {
          java.util.Map<Integer, List<JsonObject>> byId = new java.util.HashMap<>();
          for (Row row : rows) {
            byId.computeIfAbsent(row.getInteger("norad_id"), id -> new ArrayList<>()).add(new JsonObject()
                .put("id", row.getString("id"))
                .put("low", row.getLong("downlink_low"))
                .put("high", row.getLong("downlink_high"))
                .put("mode", row.getString("mode")));
          }
          return byId;
        });
  }

  /** The rejected entries of a report, as JSON for an administrator. */
  static JsonArray describeRejected(ImportReport report) {
    JsonArray rejected = new JsonArray();
    report.rejected().forEach(entry -> rejected.add(new JsonObject()
        .put("name", entry.name())
        .put("problems", new JsonArray(entry.problems().stream().map(ParseProblem::describe).toList()))));
    return rejected;
  }

  private static Future<Integer> batch(io.vertx.sqlclient.PreparedQuery<io.vertx.sqlclient.RowSet<Row>> query,
                                       List<Tuple> tuples) {
    if (tuples.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return query.executeBatch(tuples).map(rows -> {
      int changed = 0;
      for (var result = rows; result != null; result = result.next()) {
        changed += result.rowCount();
      }
      return changed;
    });
  }
}
