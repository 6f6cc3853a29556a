package talos.core.orbit;

import org.orekit.bodies.GeodeticPoint;
import org.orekit.frames.TopocentricFrame;

/** Orekit views of a {@link Site}. */
final class Sites {

  private Sites() {
  }

  /** The site's local frame: X east, Y north, Z up, fixed in the Earth-fixed frame. */
  static TopocentricFrame topocentric(OrbitContext context, Site site) {
    GeodeticPoint point = new GeodeticPoint(Math.toRadians(site.latitude()), Math.toRadians(site.longitude()),
        site.altitude());
    return new TopocentricFrame(context.earth(), point, "site");
  }
}
