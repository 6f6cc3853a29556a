package talos.core.director;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The status API's answer, put together from the database, the gateway and the director. */
final class StationStatusView {

  private StationStatusView() {
  }

  /**
   * @param station the station's row: {@code name}, {@code lastSeenAt}
   * @param connection the gateway's view of the connection, or {@code null} when offline
   * @param tracking the session as the driving node reports it, or {@code null}
   */
  static JsonObject of(String stationId, JsonObject station, JsonObject connection,
                       JsonObject tracking) {
    JsonObject status = new JsonObject()
        .put("stationId", stationId)
        .put("name", station.getString("name"))
        .put("online", connection != null)
        .put("lastSeenAt", connection != null && connection.getString("lastMessageAt") != null
            ? connection.getString("lastMessageAt") : station.getString("lastSeenAt"));
    JsonObject telemetry = connection == null ? null : connection.getJsonObject("telemetry");
    if (connection != null) {
      status.put("connection", new JsonObject()
          .put("node", connection.getString("node"))
          .put("since", connection.getString("since"))
          .put("protocolVersion", connection.getValue("protocolVersion"))
          .put("agent", connection.getJsonObject("status") == null ? null
              : connection.getJsonObject("status").getString("agent")));
    }
    status.put("measured", measured(telemetry));
    status.put("radio", telemetry == null ? null : telemetry.getJsonObject("radio"));
    status.put("drivers", telemetry == null ? new JsonArray()
        : telemetry.getJsonArray("drivers", new JsonArray()));
    status.put("locks", telemetry == null ? null : telemetry.getJsonObject("locks"));
    status.put("tracking", tracking);
    return status;
  }

  private static JsonObject measured(JsonObject telemetry) {
    JsonObject rotator = telemetry == null ? null : telemetry.getJsonObject("rotator");
    if (rotator == null) {
      return null;
    }
    return new JsonObject()
        .put("at", java.time.Instant.ofEpochMilli(telemetry.getLong("t")).toString())
        .put("azimuth", rotator.getDouble("az"))
        .put("elevation", rotator.getDouble("el"))
        .put("moving", rotator.getBoolean("moving", false));
  }
}
