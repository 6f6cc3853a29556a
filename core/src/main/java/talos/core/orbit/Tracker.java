package talos.core.orbit;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.frames.KinematicTransform;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

import java.time.Instant;

/**
 * Computes where one satellite is seen from one site, at any instant, with the engine's SGP4/SDP4.
 * A tracker reuses a buffer between calls, so it must stay on one thread.
 */
public final class Tracker {

  private final OrbitContext context;
  private final Ephemeris ephemeris;
  private final double[] state = new double[6];
  private final TopocentricFrame topocentric;
  private final StaticTransform itrfToTopocentric;

  public Tracker(OrbitContext context, TLE elements, Site site) {
    this.context = context;
    this.ephemeris = Ephemeris.sgp4(elements);
    this.topocentric = Sites.topocentric(context, site);
    this.itrfToTopocentric = context.itrf().getStaticTransformTo(topocentric, elements.getDate());
  }

  /**
   * Where the satellite is at {@code instant}.
   *
   * @throws IllegalStateException when the element set cannot be propagated to {@code instant}
   *     (the model reports the satellite decayed or its elements diverged)
   */
  public Look look(Instant instant) {
    AbsoluteDate date = context.date(instant);
    if (!ephemeris.teme(date, state)) {
      throw new IllegalStateException("the element set cannot be propagated to " + instant);
    }
    PVCoordinates teme = new PVCoordinates(new Vector3D(state[0], state[1], state[2]),
        new Vector3D(state[3], state[4], state[5]));
    KinematicTransform temeToItrf = context.teme().getKinematicTransformTo(context.itrf(), date);
    return look(instant, date, teme, temeToItrf);
  }

  /** Where the satellite is, given its TEME state and the TEME-to-ITRF transform of that instant. */
  Look look(Instant instant, AbsoluteDate date, PVCoordinates teme, KinematicTransform temeToItrf) {
    PVCoordinates itrf = temeToItrf.transformOnlyPV(teme);
    Vector3D local = itrfToTopocentric.transformPosition(itrf.getPosition());
    // the site does not move in the Earth-fixed frame, so velocities rotate without a frame term
    Vector3D localVelocity = itrfToTopocentric.getRotation().applyTo(itrf.getVelocity());
    double range = local.getNorm();
    double rangeRate = local.dotProduct(localVelocity) / range;
    double azimuth = Math.toDegrees(Math.atan2(local.getX(), local.getY()));
    double elevation = Math.toDegrees(Math.asin(local.getZ() / range));

    GeodeticPoint subPoint = context.earth().transform(itrf.getPosition(), context.itrf(), date);
    double earthRadius = context.earth().getEquatorialRadius();
    double distance = teme.getPosition().getNorm();
    double footprint = earthRadius * Math.acos(Math.min(1.0, earthRadius / distance));
    boolean sunlit = SunDirection.sunlit(teme.getPosition(), SunDirection.at(date, context.utc()), earthRadius);

    return new Look(instant, azimuth < 0 ? azimuth + 360 : azimuth, elevation, range, rangeRate,
        Math.toDegrees(subPoint.getLatitude()), Math.toDegrees(subPoint.getLongitude()), subPoint.getAltitude(),
        footprint, sunlit);
  }
}
