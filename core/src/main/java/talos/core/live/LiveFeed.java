package talos.core.live;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import talos.core.bus.Addresses;

/**
 * Publishes what the web UI shows live on each organisation's feed, {@code talos.live.org.{orgId}}.
 * Each message is published once in the cluster, by the part that knows it first: the gateway
 * instance holding the station's connection (status and telemetry) and the director instance
 * driving the station (tracking), the streaming feature (frames).
 *
 * <ul>
 *   <li>{@code {"type": "status", "stationId", "state": "online" | "offline", "t", "agent"?}}</li>
 *   <li>{@code {"type": "telemetry", "stationId", "telemetry"}}: the measured state, as the station
 *       protocol writes it</li>
 *   <li>{@code {"type": "tracking", "stationId", "tracking", "path"}}: the session as the status API
 *       shows it (commanded pointing, Doppler-corrected frequencies, countdown), or {@code null}
 *       once it ended, and the rotator path through the pass as {@code [{"t", "az", "el"}]}</li>
 *   <li>{@code {"type": "frame", "stationId", "frame"}}: a frame received, for organisations with
 *       a live destination: {@code {"noradId", "receivedAt", "size", "head", "rssi", "snr"}}, its
 *       first bytes in base64</li>
 * </ul>
 */
public final class LiveFeed {

  private final EventBus bus;

  public LiveFeed(EventBus bus) {
    this.bus = bus;
  }

  /** The feed of one organisation. */
  public static String address(String orgId) {
    return Addresses.LIVE_ORG_PREFIX + orgId;
  }

  /** @param status a {@code talos.station.status} publication */
  public void status(JsonObject status) {
    JsonObject message = new JsonObject()
        .put("type", "status")
        .put("stationId", status.getString("stationId"))
        .put("state", status.getString("state"))
        .put("t", status.getValue("t"));
    if (status.getString("agent") != null) {
      message.put("agent", status.getString("agent"));
    }
    bus.publish(address(status.getString("orgId")), message);
  }

  /** @param telemetry a {@code talos.station.telemetry} publication */
  public void telemetry(JsonObject telemetry) {
    bus.publish(address(telemetry.getString("orgId")), new JsonObject()
        .put("type", "telemetry")
        .put("stationId", telemetry.getString("stationId"))
        .put("telemetry", telemetry.getJsonObject("telemetry")));
  }

  /**
   * @param tracking the session as the status API shows it, or {@code null} when it ended
   * @param path the rotator path through the pass, empty when it ended
   */
  public void tracking(String orgId, String stationId, JsonObject tracking, JsonArray path) {
    bus.publish(address(orgId), new JsonObject()
        .put("type", "tracking")
        .put("stationId", stationId)
        .put("tracking", tracking)
        .put("path", path));
  }

  /** @param frame what the UI shows of a received frame */
  public void frame(String orgId, String stationId, JsonObject frame) {
    bus.publish(address(orgId), new JsonObject()
        .put("type", "frame")
        .put("stationId", stationId)
        .put("frame", frame));
  }
}
