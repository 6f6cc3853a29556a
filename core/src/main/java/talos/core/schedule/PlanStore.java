package talos.core.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import talos.core.orbit.Pass;
import talos.core.orbit.Site;
import talos.core.orbit.rotator.Rotator;
import talos.core.station.StationGeometry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The scheduler's reads and writes: what one organisation wants planned (active campaigns, their
 * targets and assignments, stations, reservations, element sets), what may no longer change
 * (passes in the frozen window, observations under way), missed passes to retry, and the
 * replacement of the plan beyond the frozen window in one transaction.
 */
final class PlanStore {

  private static final String ORGS = """
      SELECT org_id FROM campaign WHERE status = 'active'
      UNION SELECT org_id FROM planned_pass WHERE aos >= $1""";
  private static final String CAMPAIGNS = """
      SELECT id, name, priority, min_elevation, starts_at, ends_at FROM campaign
       WHERE org_id = $1 AND status = 'active' AND (ends_at IS NULL OR ends_at > $2)""";
  private static final String TARGETS = """
      SELECT t.campaign_id, t.norad_id, t.weight, t.transmitter_id
        FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id
       WHERE c.org_id = $1 AND c.status = 'active'""";
  private static final String ASSIGNMENTS = """
      SELECT a.campaign_id, a.station_id, lower(a.during) AS from_at, upper(a.during) AS to_at,
             a.released
        FROM campaign_assignment a JOIN campaign c ON c.id = a.campaign_id
       WHERE c.org_id = $1""";
  private static final String STATIONS = """
      SELECT id, name, latitude, longitude, altitude, horizon_mask, rotator FROM station
       WHERE org_id = $1""";
  private static final String RESERVATIONS = """
      SELECT r.station_id, lower(r.during) AS from_at, upper(r.during) AS to_at, r.reason
        FROM station_reservation r JOIN station s ON s.id = r.station_id
       WHERE s.org_id = $1 AND r.during && tstzrange($2, $3, '[)')""";
  private static final String ELEMENTS = """
      SELECT DISTINCT ON (norad_id) norad_id, line1, line2 FROM tle
       WHERE norad_id = ANY($1) ORDER BY norad_id, epoch DESC""";
  private static final String KEPT = """
      SELECT p.id, p.campaign_id, c.name, c.priority, c.min_elevation, p.station_id, p.norad_id,
             p.aos, p.tca, p.los, p.max_elevation, p.aos_azimuth, p.los_azimuth, p.status
        FROM planned_pass p JOIN campaign c ON c.id = p.campaign_id
       WHERE p.org_id = $1 AND p.aos < $2 AND p.los > $3""";
  private static final String FUTURE = """
      SELECT DISTINCT campaign_id, station_id FROM planned_pass WHERE org_id = $1 AND aos >= $2""";
  private static final String UNDER_WAY = """
      SELECT id, station_id, planned_pass_id, norad_id, planned_aos, planned_los, max_elevation
        FROM observation WHERE org_id = $1 AND outcome IN ('pending', 'tracking')""";
  private static final String MISSED = """
      SELECT DISTINCT ON (campaign_id, norad_id) campaign_id, norad_id, station_id, planned_aos,
             planned_los
        FROM observation
       WHERE org_id = $1 AND outcome = 'missed' AND campaign_id IS NOT NULL AND planned_los > $2
       ORDER BY campaign_id, norad_id, planned_aos DESC""";
  private static final String SERVED = """
      SELECT campaign_id, norad_id, station_id, aos FROM planned_pass
       WHERE org_id = $1 AND status = 'planned' AND aos >= $2 AND aos < $3""";
  private static final String DELETE = """
      DELETE FROM planned_pass WHERE station_id = ANY($1) AND aos >= $2""";
  private static final String INSERT = """
      INSERT INTO planned_pass (org_id, campaign_id, station_id, norad_id, transmitter_id, aos, tca,
                                los, max_elevation, aos_azimuth, los_azimuth, status, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (campaign_id, station_id, norad_id, aos) DO NOTHING""";

  /** An active campaign; {@code startsAt} and {@code endsAt} may be {@code null}. */
  record CampaignRow(UUID id, String name, int priority, double minElevation, Instant startsAt,
                     Instant endsAt) {
  }

  /** A target of an active campaign; {@code transmitterId} may be {@code null}. */
  record TargetRow(UUID campaignId, int noradId, double weight, String transmitterId) {
  }

  /** An assignment, released or not; {@code window} is {@code null} for a standing one. */
  record AssignmentRow(UUID campaignId, UUID stationId, TimeWindow window, boolean released) {
  }

  /** A station as the orbit engine and the planner take it. */
  record StationRow(UUID id, String name, Site site, Rotator rotator) {
  }

  /** An owner's reservation. */
  record ReservationRow(UUID stationId, TimeWindow window, String reason) {
  }

  /** A satellite's newest element set. */
  record Elements(int noradId, String line1, String line2) {
  }

  /** A stored pass that a replan keeps: in progress or inside the frozen window. */
  record PassRow(UUID id, Opportunity.Campaign campaign, UUID stationId, int noradId, Instant aos,
                 Instant tca, Instant los, double maxElevation, double aosAzimuth,
                 double losAzimuth, boolean planned) {

    TimeWindow window() {
      return new TimeWindow(aos, los);
    }
  }

  /** An observation under way; {@code plannedPassId} is {@code null} for a manual track. */
  record UnderWay(UUID id, UUID stationId, UUID plannedPassId, int noradId, TimeWindow window,
                  double maxElevation) {
  }

  /** A campaign pass a station missed. */
  record Missed(UUID campaignId, int noradId, UUID stationId, TimeWindow window) {
  }

  /** A planned pass that may serve a retry: its campaign, satellite, station and AOS. */
  record Served(UUID campaignId, int noradId, UUID stationId, Instant aos) {
  }

  /** A campaign that has future passes on a station. */
  record Upcoming(UUID campaignId, UUID stationId) {
  }

  /** Everything about one organisation a replan reads. */
  record OrgData(UUID orgId, List<CampaignRow> campaigns, List<TargetRow> targets,
                 List<AssignmentRow> assignments, List<StationRow> stations,
                 List<ReservationRow> reservations, List<Elements> elements, List<PassRow> kept,
                 List<Upcoming> future, List<UnderWay> underWay, List<Missed> missed,
                 List<Served> served) {
  }

  /** A pass to write: planned when {@code reason} is {@code null}, else rejected with it. */
  record NewPass(UUID campaignId, UUID stationId, int noradId, String transmitterId, Pass pass,
                 String reason) {
  }

  private final Pool pool;

  PlanStore(Pool pool) {
    this.pool = pool;
  }

  /** Organisations with an active campaign or passes planned from {@code from} on. */
  Future<List<UUID>> organisations(Instant from) {
    return pool.preparedQuery(ORGS).execute(Tuple.of(at(from))).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("org_id")));
      return ids;
    });
  }

  /**
   * Reads what a replan of {@code orgId} needs.
   *
   * @param frozenUntil passes starting before this are kept, not replanned
   * @param since how far back missed passes and the passes that served them are read
   */
  Future<OrgData> load(UUID orgId, Instant now, TimeWindow horizon, Instant frozenUntil,
                       Instant since) {
    Future<RowSet<Row>> campaigns = query(CAMPAIGNS, Tuple.of(orgId, at(now)));
    Future<RowSet<Row>> targets = query(TARGETS, Tuple.of(orgId));
    Future<RowSet<Row>> assignments = query(ASSIGNMENTS, Tuple.of(orgId));
    Future<RowSet<Row>> stations = query(STATIONS, Tuple.of(orgId));
    Future<RowSet<Row>> reservations = query(RESERVATIONS,
        Tuple.of(orgId, at(horizon.start()), at(horizon.end())));
    Future<RowSet<Row>> kept = query(KEPT, Tuple.of(orgId, at(frozenUntil), at(now)));
    Future<RowSet<Row>> future = query(FUTURE, Tuple.of(orgId, at(frozenUntil)));
    Future<RowSet<Row>> underWay = query(UNDER_WAY, Tuple.of(orgId));
    Future<RowSet<Row>> missed = query(MISSED, Tuple.of(orgId, at(since)));
    Future<RowSet<Row>> served = query(SERVED, Tuple.of(orgId, at(since), at(frozenUntil)));
    return Future.all(List.of(campaigns, targets, assignments, stations, reservations, kept, future,
            underWay, missed, served))
        .compose(all -> {
          List<TargetRow> targetRows = list(targets.result(), row -> new TargetRow(
              row.getUUID("campaign_id"), row.getInteger("norad_id"), row.getDouble("weight"),
              row.getString("transmitter_id")));
          Integer[] norads = targetRows.stream().map(TargetRow::noradId).distinct()
              .toArray(Integer[]::new);
          return elements(norads).map(elements -> new OrgData(orgId,
              list(campaigns.result(), row -> new CampaignRow(row.getUUID("id"),
                  row.getString("name"), row.getInteger("priority"),
                  row.getDouble("min_elevation"), instant(row, "starts_at"),
                  instant(row, "ends_at"))),
              targetRows,
              list(assignments.result(), row -> new AssignmentRow(row.getUUID("campaign_id"),
                  row.getUUID("station_id"), window(row), row.getBoolean("released"))),
              list(stations.result(), PlanStore::station),
              list(reservations.result(), row -> new ReservationRow(row.getUUID("station_id"),
                  window(row), row.getString("reason"))),
              elements,
              list(kept.result(), PlanStore::pass),
              list(future.result(), row -> new Upcoming(row.getUUID("campaign_id"),
                  row.getUUID("station_id"))),
              list(underWay.result(), row -> new UnderWay(row.getUUID("id"),
                  row.getUUID("station_id"), row.getUUID("planned_pass_id"),
                  row.getInteger("norad_id"), new TimeWindow(instant(row, "planned_aos"),
                  instant(row, "planned_los")), row.getDouble("max_elevation"))),
              list(missed.result(), row -> new Missed(row.getUUID("campaign_id"),
                  row.getInteger("norad_id"), row.getUUID("station_id"),
                  new TimeWindow(instant(row, "planned_aos"), instant(row, "planned_los")))),
              list(served.result(), row -> new Served(row.getUUID("campaign_id"),
                  row.getInteger("norad_id"), row.getUUID("station_id"), instant(row, "aos")))));
        });
  }

  /**
   * Replaces the plan of {@code stations} from {@code frozenUntil} on with {@code passes}, in one
   * transaction; passes starting earlier (retries inside the frozen window) are added beside the
   * rows there, which stay as they are.
   */
  Future<Void> replace(UUID orgId, Collection<UUID> stations, Instant frozenUntil,
                       List<NewPass> passes) {
    List<Tuple> rows = passes.stream().map(pass -> Tuple.of(orgId, pass.campaignId(),
            pass.stationId(), pass.noradId(), pass.transmitterId(), at(pass.pass().aos()),
            at(pass.pass().tca()), at(pass.pass().los()))
        .addValue(pass.pass().maxElevation())
        .addValue(pass.pass().aosAzimuth())
        .addValue(pass.pass().losAzimuth())
        .addValue(pass.reason() == null ? "planned" : "rejected")
        .addValue(pass.reason())).toList();
    return pool.withTransaction(connection -> connection.preparedQuery(DELETE)
            .execute(Tuple.of(stations.toArray(UUID[]::new), at(frozenUntil)))
            .compose(deleted -> rows.isEmpty() ? Future.succeededFuture()
                : connection.preparedQuery(INSERT).executeBatch(rows)))
        .mapEmpty();
  }

  private Future<List<Elements>> elements(Integer[] norads) {
    if (norads.length == 0) {
      return Future.succeededFuture(List.of());
    }
    return query(ELEMENTS, Tuple.of((Object) norads)).map(rows -> list(rows, row ->
        new Elements(row.getInteger("norad_id"), row.getString("line1"), row.getString("line2"))));
  }

  private Future<RowSet<Row>> query(String sql, Tuple parameters) {
    return pool.preparedQuery(sql).execute(parameters);
  }

  private static StationRow station(Row row) {
    Object mask = row.getValue("horizon_mask");
    Object rotator = row.getValue("rotator");
    return new StationRow(row.getUUID("id"), row.getString("name"),
        StationGeometry.site(row.getDouble("latitude"), row.getDouble("longitude"),
            row.getDouble("altitude"), mask instanceof JsonArray array ? array : new JsonArray()),
        StationGeometry.rotator(rotator instanceof JsonObject json ? json : null));
  }

  private static PassRow pass(Row row) {
    return new PassRow(row.getUUID("id"), new Opportunity.Campaign(
            row.getUUID("campaign_id").toString(), row.getString("name"),
            row.getInteger("priority"), row.getDouble("min_elevation")),
        row.getUUID("station_id"), row.getInteger("norad_id"), instant(row, "aos"),
        instant(row, "tca"), instant(row, "los"), row.getDouble("max_elevation"),
        row.getDouble("aos_azimuth"), row.getDouble("los_azimuth"),
        "planned".equals(row.getString("status")));
  }

  private static TimeWindow window(Row row) {
    Instant from = instant(row, "from_at");
    return from == null ? null : new TimeWindow(from, instant(row, "to_at"));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static <T> List<T> list(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(map.apply(row)));
    return list;
  }

  static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
