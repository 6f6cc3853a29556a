package talos.core.director;

import io.vertx.core.json.JsonObject;
import talos.core.bus.QueryParams;
import talos.core.bus.ServiceFailure;

import java.time.Instant;
import java.util.UUID;

/**
 * The filters and page of {@code GET …/observations}: station, campaign, a time window the
 * planned pass overlaps, outcome, and {@code limit} (1 to {@value PgObservationStore#MAX_PAGE},
 * default {@value #DEFAULT_LIMIT}) with {@code offset}.
 *
 * @param stationId {@code null} for every station
 * @param campaignId {@code null} for every campaign (manual tracks included)
 * @param from {@code null}, or observations whose planned LOS is after it
 * @param to {@code null}, or observations whose planned AOS is before it
 * @param outcome {@code null} for every outcome
 */
record ObservationQuery(UUID stationId, UUID campaignId, Instant from, Instant to, Outcome outcome,
                        int limit, int offset) {

  static final int DEFAULT_LIMIT = 100;

  /**
   * Reads the query parameters.
   *
   * @throws ServiceFailure with 400 naming the parameter, its value and what is allowed
   */
  static ObservationQuery from(JsonObject query) {
    Instant from = QueryParams.instant(query, "from");
    Instant to = QueryParams.instant(query, "to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw ServiceFailure.invalid("to", query.getValue("to"),
          "an ISO-8601 instant after from (" + from + ")");
    }
    return new ObservationQuery(QueryParams.uuid(query, "stationId"),
        QueryParams.uuid(query, "campaignId"), from, to, outcome(query),
        QueryParams.whole(query, "limit", DEFAULT_LIMIT, 1, PgObservationStore.MAX_PAGE),
        QueryParams.whole(query, "offset", 0, 0, Integer.MAX_VALUE));
  }

  private static Outcome outcome(JsonObject query) {
    Object value = query.getValue("outcome");
    if (value == null) {
      return null;
    }
    try {
      return Outcome.of(value.toString());
    } catch (IllegalArgumentException e) {
      throw ServiceFailure.invalid("outcome", value, Outcome.names());
    }
  }
}
