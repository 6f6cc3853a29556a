package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the antenna should point over the next seconds: time-tagged azimuth/elevation points, in
 * time order, that the agent interpolates between. Published on {@link Channel#ROTATOR}.
 *
 * <p>{@code epoch} is the director's ownership epoch for the station: an agent ignores setpoints whose
 * epoch is lower than the highest it has seen, so a node that lost the station cannot move it.
 * {@code session} names the tracking session the points belong to. The plain TALOS payload
 * {@code {"az": …, "el": …}} is read as one point at the time it was received, epoch 0, no session.
 *
 * @param points one to {@link #MAX_POINTS} points, strictly increasing in time
 */
public record PointingSetpoints(long epoch, String session, List<Point> points) {

  /** The most points one message may carry. */
  public static final int MAX_POINTS = 600;

  /**
   * One commanded direction at an instant, in degrees: azimuth −180–540° (room for overlap
   * rotators and either wrap direction), elevation −90–180° (flip rotators).
   */
  public record Point(Instant time, double azimuth, double elevation) {

    public Point {
      if (!(azimuth >= -180 && azimuth <= 540)) {
        throw new ProtocolException("az", azimuth, "a number from -180.0 to 540.0");
      }
      if (!(elevation >= -90 && elevation <= 180)) {
        throw new ProtocolException("el", elevation, "a number from -90.0 to 180.0");
      }
    }

    JsonObject toJson() {
      return new JsonObject().put("t", time.toEpochMilli()).put("az", round(azimuth))
          .put("el", round(elevation));
    }
  }

  public PointingSetpoints {
    points = Fields.timeline(points, Point::time, MAX_POINTS);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    points.forEach(point -> array.add(point.toJson()));
    return Messages.envelope().put("epoch", epoch).put("session", session).put("points", array);
  }

  /**
   * Reads a setpoint message, or a plain TALOS {@code {"az", "el"}} payload.
   *
   * @param receivedAt the time a plain payload is tagged with
   * @throws ProtocolException naming the first field that breaks a rule
   */
  public static PointingSetpoints fromJson(JsonObject json, Instant receivedAt) {
    if (!json.containsKey("points") && json.containsKey("az")) {
      return new PointingSetpoints(0, null, List.of(new Point(receivedAt,
          Fields.number(json, "az", "az", -180, 540), Fields.number(json, "el", "el", -90, 180))));
    }
    long epoch = Fields.whole(json, "epoch", "epoch", 0, Long.MAX_VALUE);
    String session = Fields.optionalText(json, "session", "session", 64);
    JsonArray array = Fields.array(json, "points", "points", 1, MAX_POINTS);
    List<Point> points = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "points[" + i + "]";
      JsonObject point = Fields.object(array.getValue(i), path);
      points.add(new Point(Fields.time(point, "t", path + ".t"),
          Fields.number(point, "az", path + ".az", -180, 540),
          Fields.number(point, "el", path + ".el", -90, 180)));
    }
    return new PointingSetpoints(epoch, session, points);
  }

  static double round(double degrees) {
    return Math.round(degrees * 10_000) / 10_000.0;
  }
}
