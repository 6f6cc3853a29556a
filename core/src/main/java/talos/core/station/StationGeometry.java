package talos.core.station;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import talos.core.orbit.Site;
import talos.core.orbit.rotator.Rotator;

import java.util.ArrayList;
import java.util.List;

/** A stored station's position, horizon mask and rotator, as the orbit engine takes them. */
public final class StationGeometry {

  private StationGeometry() {
  }

  /**
   * The site of a station.
   *
   * @param horizonMask the stored mask: {@code [{"azimuth", "elevation"}, …]}
   */
  public static Site site(double latitude, double longitude, double altitude,
                          JsonArray horizonMask) {
    List<Site.MaskPoint> mask = new ArrayList<>();
    horizonMask.forEach(point -> mask.add(new Site.MaskPoint(
        ((JsonObject) point).getDouble("azimuth"), ((JsonObject) point).getDouble("elevation"))));
    return new Site(latitude, longitude, altitude, mask);
  }

  /**
   * The station's rotator: its configured travel and slew rates, or a plain 0–360° by 0–90° rotator
   * that follows any track when none is configured.
   *
   * @param json the stored {@code rotator}, or {@code null}
   */
  public static Rotator rotator(JsonObject json) {
    if (json == null) {
      return Rotator.of(0, 360, 0, 90);
    }
    JsonObject azimuth = json.getJsonObject("azimuth");
    JsonObject elevation = json.getJsonObject("elevation");
    Rotator rotator = Rotator.of(azimuth.getDouble("min"), azimuth.getDouble("max"),
        elevation.getDouble("min"), elevation.getDouble("max"));
    return rotator.withSlewRates(json.getDouble("azimuthSpeed", Rotator.UNLIMITED_RATE),
        json.getDouble("elevationSpeed", Rotator.UNLIMITED_RATE));
  }
}
