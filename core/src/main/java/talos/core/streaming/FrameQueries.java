package talos.core.streaming;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import talos.core.bus.ApiRequest;
import talos.core.bus.QueryParams;
import talos.core.bus.Reply;
import talos.core.bus.ServiceFailure;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * The stored frames of an organisation, each with every reception (the first one marked), by
 * station, observation and time, oldest first unless {@code order=desc}. Members read them; the
 * frames of an observation come with their bytes (base64), so they can be downloaded whole, a
 * page at a time.
 */
final class FrameQueries {

  static final int MAX_PAGE = 1_000;
  static final int DEFAULT_PAGE = 100;

  private static final String LIST = """
      SELECT f.id, f.norad_id, f.observation_id, f.campaign_id, f.received_at,
             octet_length(f.data) AS size, f.forwarded_to,
             CASE WHEN $8 THEN f.data END AS data,
             (SELECT json_agg(json_build_object(
                        'stationId', r.station_id, 'observationId', r.observation_id,
                        'receivedAt', r.received_at, 'frequency', r.frequency, 'rssi', r.rssi,
                        'snr', r.snr, 'first', r.first)
                      ORDER BY r.first DESC, r.received_at)
                FROM frame_reception r WHERE r.frame_id = f.id) AS receptions
        FROM frame f
       WHERE f.org_id = $1
         AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM frame_reception r
                                           WHERE r.frame_id = f.id AND r.station_id = $2))
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM frame_reception r
                                           WHERE r.frame_id = f.id AND r.observation_id = $3))
         AND ($4::timestamptz IS NULL OR f.received_at >= $4)
         AND ($5::timestamptz IS NULL OR f.received_at < $5)
       ORDER BY CASE WHEN $9 THEN f.received_at END DESC, f.received_at, f.id
       LIMIT $6 OFFSET $7""";
  private static final String OBSERVATION = "SELECT 1 FROM observation WHERE org_id = $1 AND id = $2";

  private final Pool pool;
  private final Access access;

  FrameQueries(Pool pool, Access access) {
    this.pool = pool;
    this.access = access;
  }

  /** {@code GET …/frames?stationId=&observationId=&from=&to=&order=&limit=&offset=&data=} */
  Future<Reply> list(ApiRequest request) {
    JsonObject query = request.query();
    UUID observationId = QueryParams.uuid(query, "observationId");
    boolean data = QueryParams.flag(query, "data", false);
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> page(grant.orgId(), QueryParams.uuid(query, "stationId"), observationId,
            query, data));
  }

  /** {@code GET …/observations/{observationId}/frames}: with the bytes unless {@code data=false}. */
  Future<Reply> ofObservation(ApiRequest request) {
    UUID observationId = request.uuidParam("observationId");
    JsonObject query = request.query();
    boolean data = QueryParams.flag(query, "data", true);
    return access.require(request.principal(), request.pathParam("slug"), Role.VIEWER)
        .compose(grant -> pool.preparedQuery(OBSERVATION).execute(Tuple.of(grant.orgId(), observationId))
            .compose(rows -> rows.size() == 0
                ? Future.failedFuture(ServiceFailure.notFound("observation", observationId))
                : page(grant.orgId(), null, observationId, query, data)));
  }

  private Future<Reply> page(UUID orgId, UUID stationId, UUID observationId, JsonObject query,
                             boolean data) {
    Instant from = QueryParams.instant(query, "from");
    Instant to = QueryParams.instant(query, "to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw ServiceFailure.invalid("to", query.getValue("to"), "an ISO-8601 instant after from (" + from + ")");
    }
    int limit = QueryParams.whole(query, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    int offset = QueryParams.whole(query, "offset", 0, 0, Integer.MAX_VALUE);
    boolean newestFirst = newestFirst(query);
    return pool.preparedQuery(LIST)
        .execute(Tuple.tuple().addUUID(orgId).addUUID(stationId).addUUID(observationId)
            .addOffsetDateTime(from == null ? null : OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
            .addOffsetDateTime(to == null ? null : OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
            .addInteger(limit).addInteger(offset).addBoolean(data).addBoolean(newestFirst))
        .map(rows -> {
          JsonArray frames = new JsonArray();
          rows.forEach(row -> frames.add(toJson(row)));
          return Reply.ok(new JsonObject().put("frames", frames).put("limit", limit)
              .put("offset", offset));
        });
  }

  private static boolean newestFirst(JsonObject query) {
    Object order = query.getValue("order");
    if (order == null || "asc".equals(order)) {
      return false;
    }
    if ("desc".equals(order)) {
      return true;
    }
    throw ServiceFailure.invalid("order", order, "asc (oldest first, the default) or desc (newest first)");
  }

  private static JsonObject toJson(Row row) {
    UUID observationId = row.getUUID("observation_id");
    UUID campaignId = row.getUUID("campaign_id");
    Object receptions = row.getValue("receptions");
    JsonObject frame = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("noradId", row.getInteger("norad_id"))
        .put("observationId", observationId == null ? null : observationId.toString())
        .put("campaignId", campaignId == null ? null : campaignId.toString())
        .put("receivedAt", row.getOffsetDateTime("received_at").toInstant().toString())
        .put("size", row.getInteger("size"))
        .put("forwardedTo", row.getInteger("forwarded_to"))
        .put("receptions", receptions instanceof JsonArray list ? list
            : receptions == null ? new JsonArray() : new JsonArray(receptions.toString()));
    Buffer data = row.getBuffer("data");
    if (data != null) {
      frame.put("data", Base64.getEncoder().encodeToString(data.getBytes()));
    }
    return frame;
  }
}
