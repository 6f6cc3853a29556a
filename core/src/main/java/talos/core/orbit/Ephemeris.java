package talos.core.orbit;

import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

/**
 * Where one satellite is, in TEME, at any date: the input of whole-catalogue computations. An
 * ephemeris may keep state between calls, so each belongs to one thread at a time.
 */
public interface Ephemeris {

  /**
   * Writes position (m) and velocity (m/s) in TEME into {@code positionVelocity[0..5]}.
   *
   * @return false when the element set cannot be propagated to {@code date} (decayed, diverged)
   */
  boolean teme(AbsoluteDate date, double[] positionVelocity);

  /** Orekit's SGP4/SDP4 for {@code elements}. */
  static Ephemeris orekit(OrbitContext context, TLE elements) {
    TLEPropagator propagator = TLEPropagator.selectExtrapolator(elements, context.teme());
    return (date, positionVelocity) -> {
      try {
        PVCoordinates pv = propagator.getPVCoordinates(date, context.teme());
        positionVelocity[0] = pv.getPosition().getX();
        positionVelocity[1] = pv.getPosition().getY();
        positionVelocity[2] = pv.getPosition().getZ();
        positionVelocity[3] = pv.getVelocity().getX();
        positionVelocity[4] = pv.getVelocity().getY();
        positionVelocity[5] = pv.getVelocity().getZ();
        return true;
      } catch (org.orekit.errors.OrekitException e) {
        return false;
      }
    };
  }
}
