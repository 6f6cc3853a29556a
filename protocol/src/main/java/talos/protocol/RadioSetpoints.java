package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Doppler-corrected radio frequencies over the next seconds, published on {@link Channel#RADIO}.
 * The agent tunes to the point nearest in time; {@code mode} (such as {@code FM} or {@code USB}) is
 * set once per message when present.
 *
 * <p>A plain payload {@code {"downlink": hz, "uplink": hz, "mode": …}} (or TALOS's
 * {@code {"freq": hz}}) is read as one point at the time it was received.
 */
public record RadioSetpoints(long epoch, String session, String mode, List<Point> points) {

  /** The most points one message may carry. */
  public static final int MAX_POINTS = 600;
  /** The highest frequency accepted, in hertz (300 GHz). */
  public static final long MAX_FREQUENCY = 300_000_000_000L;

  /** Frequencies at an instant, in hertz; {@code uplinkHz} is {@code null} for receive only. */
  public record Point(Instant time, long downlinkHz, Long uplinkHz) {

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("t", time.toEpochMilli()).put("downlink", downlinkHz);
      return uplinkHz == null ? json : json.put("uplink", uplinkHz);
    }
  }

  public RadioSetpoints {
    points = Fields.timeline(points, Point::time, MAX_POINTS);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    points.forEach(point -> array.add(point.toJson()));
    JsonObject json = Messages.envelope().put("epoch", epoch).put("session", session);
    if (mode != null) {
      json.put("mode", mode);
    }
    return json.put("points", array);
  }

  /**
   * Reads a radio setpoint message or a plain single-frequency payload.
   *
   * @throws ProtocolException naming the first field that breaks a rule
   */
  public static RadioSetpoints fromJson(JsonObject json, Instant receivedAt) {
    String mode = Fields.optionalText(json, "mode", "mode", 16);
    if (!json.containsKey("points")) {
      String field = json.containsKey("freq") ? "freq" : "downlink";
      return new RadioSetpoints(0, null, mode, List.of(new Point(receivedAt,
          Fields.whole(json, field, field, 1, MAX_FREQUENCY),
          Fields.optionalWhole(json, "uplink", "uplink", 1, MAX_FREQUENCY))));
    }
    long epoch = Fields.whole(json, "epoch", "epoch", 0, Long.MAX_VALUE);
    String session = Fields.optionalText(json, "session", "session", 64);
    JsonArray array = Fields.array(json, "points", "points", 1, MAX_POINTS);
    List<Point> points = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "points[" + i + "]";
      JsonObject point = Fields.object(array.getValue(i), path);
      points.add(new Point(Fields.time(point, "t", path + ".t"),
          Fields.whole(point, "downlink", path + ".downlink", 1, MAX_FREQUENCY),
          Fields.optionalWhole(point, "uplink", path + ".uplink", 1, MAX_FREQUENCY)));
    }
    return new RadioSetpoints(epoch, session, mode, points);
  }
}
