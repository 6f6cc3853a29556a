package talos.core.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.bus.ApiRequest;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The plan as members read it: a station's or a campaign's planned and rejected passes in a
 * window, each with its campaign, satellite, times and geometry, the reason it was left out, the
 * note of a retry, and what became of its observation.
 */
final class PlanQueries {

  /** The longest window one request may ask for. */
  static final Duration MAX_SPAN = Duration.ofDays(7);

  private static final String EXAMPLE = "an ISO-8601 instant such as 2026-03-19T12:00:00Z";
  private static final String STATION = "SELECT name FROM station WHERE org_id = $1 AND id = $2";
  private static final String CAMPAIGN = "SELECT name FROM campaign WHERE org_id = $1 AND id = $2";
  private static final String PASSES = """
      SELECT p.id, p.campaign_id, c.name AS campaign_name, c.priority, p.station_id,
             st.name AS station_name, p.norad_id, s.name AS satellite_name, p.transmitter_id, p.aos,
             p.tca, p.los, p.max_elevation, p.aos_azimuth, p.los_azimuth, p.status, p.reason,
             o.outcome, r.missed_station, r.missed_aos
        FROM planned_pass p
        JOIN campaign c ON c.id = p.campaign_id
        JOIN station st ON st.id = p.station_id
        JOIN satellite s ON s.norad_id = p.norad_id
        LEFT JOIN observation o ON o.planned_pass_id = p.id
        LEFT JOIN LATERAL (
          SELECT ms.name AS missed_station, m.planned_aos AS missed_aos
            FROM observation m JOIN station ms ON ms.id = m.station_id
           WHERE p.status = 'planned' AND m.outcome = 'missed' AND m.campaign_id = p.campaign_id
             AND m.norad_id = p.norad_id AND m.station_id <> p.station_id
             AND m.planned_aos <= p.aos
             AND NOT EXISTS (SELECT 1 FROM planned_pass q
                              WHERE q.campaign_id = p.campaign_id AND q.norad_id = p.norad_id
                                AND q.status = 'planned' AND q.station_id <> m.station_id
                                AND q.aos >= m.planned_aos AND q.aos < p.aos)
           ORDER BY m.planned_aos DESC LIMIT 1) r ON true
       WHERE p.org_id = $1 AND p.%s = $2 AND p.los > $3 AND p.aos < $4
       ORDER BY p.aos, st.name, p.status""";

  private final Pool pool;
  private final Access access;
  private final Duration horizon;

  /** @param horizon the default length of the window */
  PlanQueries(Pool pool, Access access, Duration horizon) {
    this.pool = pool;
    this.access = access;
    this.horizon = horizon;
  }

  /** API {@code getStationPlan}: viewer; 404 for a station of another organisation. */
  Future<Reply> station(ApiRequest request) {
    UUID stationId = request.uuidParam("stationId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> exists(STATION, grant.orgId(), stationId, "station")
            .compose(ignored -> passes("station_id", grant.orgId(), stationId,
                window(request, Instant.now()))))
        .map(plan -> Reply.ok(plan.put("stationId", stationId.toString())));
  }

  /** API {@code getCampaignPlan}: viewer; 404 for a campaign of another organisation. */
  Future<Reply> campaign(ApiRequest request) {
    UUID campaignId = request.uuidParam("campaignId");
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> exists(CAMPAIGN, grant.orgId(), campaignId, "campaign")
            .compose(ignored -> passes("campaign_id", grant.orgId(), campaignId,
                window(request, Instant.now()))))
        .map(plan -> Reply.ok(plan.put("campaignId", campaignId.toString())));
  }

  /**
   * The window asked for: {@code from} (default now) to {@code to} (default {@code from} plus the
   * horizon).
   *
   * @throws ServiceFailure with 400 naming the parameter, its value and what is allowed when one
   *     is not an instant, {@code to} is not after {@code from}, or the window is longer than
   *     {@link #MAX_SPAN}
   */
  TimeWindow window(ApiRequest request, Instant now) {
    String fromText = text(request.query().getValue("from"));
    String toText = text(request.query().getValue("to"));
    Instant from = fromText == null ? now : instant("from", fromText);
    Instant to = toText == null ? from.plus(horizon) : instant("to", toText);
    if (!to.isAfter(from)) {
      throw ServiceFailure.invalid("to", toText, "an instant after from (" + from + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw ServiceFailure.invalid("to", toText == null ? to : toText, "at most "
          + MAX_SPAN.toDays() + " days after from (" + from + ")");
    }
    return new TimeWindow(from, to);
  }

  private Future<Void> exists(String sql, UUID orgId, UUID id, String what) {
    return pool.preparedQuery(sql).execute(Tuple.of(orgId, id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ServiceFailure.notFound(what, id)) : Future.succeededFuture());
  }

  /**
   * The passes of the organisation's station ({@code column} {@code station_id}) or campaign
   * ({@code campaign_id}) {@code id} that overlap {@code window}, in time order.
   */
  Future<JsonObject> passes(String column, UUID orgId, UUID id, TimeWindow window) {
    return pool.preparedQuery(PASSES.formatted(column))
        .execute(Tuple.of(orgId, id, PlanStore.at(window.start()), PlanStore.at(window.end())))
        .map(rows -> {
          JsonArray passes = new JsonArray();
          rows.forEach(row -> passes.add(entry(row)));
          return new JsonObject().put("from", window.start().toString())
              .put("to", window.end().toString()).put("passes", passes);
        });
  }

  private static JsonObject entry(Row row) {
    String missedBy = row.getString("missed_station");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("campaign", new JsonObject().put("id", row.getUUID("campaign_id").toString())
            .put("name", row.getString("campaign_name"))
            .put("priority", row.getInteger("priority")))
        .put("station", new JsonObject().put("id", row.getUUID("station_id").toString())
            .put("name", row.getString("station_name")))
        .put("noradId", row.getInteger("norad_id"))
        .put("satellite", row.getString("satellite_name"))
        .put("transmitterId", row.getString("transmitter_id"))
        .put("aos", instant(row, "aos"))
        .put("tca", instant(row, "tca"))
        .put("los", instant(row, "los"))
        .put("maxElevation", row.getDouble("max_elevation"))
        .put("aosAzimuth", row.getDouble("aos_azimuth"))
        .put("losAzimuth", row.getDouble("los_azimuth"))
        .put("status", row.getString("status"))
        .put("reason", row.getString("reason"))
        .put("note", missedBy == null ? null : "retry of the pass missed by station '" + missedBy
            + "' at " + instant(row, "missed_aos"))
        .put("outcome", row.getString("outcome"));
  }

  private static String instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant().toString();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Instant instant(String parameter, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ServiceFailure.invalid(parameter, text, EXAMPLE);
    }
  }
}
