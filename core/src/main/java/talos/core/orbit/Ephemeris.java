package talos.core.orbit;

import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.sgp4.Sgp4;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

/**
 * Where one satellite is, in TEME, at any date: the input of whole-catalogue computations. Unless a
 * factory says otherwise, an ephemeris may keep state between calls and belongs to one thread.
 */
public interface Ephemeris {

  /**
   * Writes position (m) and velocity (m/s) in TEME into {@code positionVelocity[0..5]}.
   *
   * @return false when the element set cannot be propagated to {@code date} (decayed, diverged)
   */
  boolean teme(AbsoluteDate date, double[] positionVelocity);

  /**
   * The engine's own SGP4/SDP4 for {@code elements} ({@link Sgp4}): the same model as Orekit's, a
   * tenth of the cost, no allocation, and safe to share between threads.
   */
  static Ephemeris sgp4(TLE elements) {
    Sgp4 model = new Sgp4(elements);
    AbsoluteDate epoch = model.epoch();
    return (date, positionVelocity) -> model.propagate(date.durationFrom(epoch) / 60.0, positionVelocity);
  }

  /** Orekit's SGP4/SDP4 for {@code elements}, for comparison; it builds objects on every call. */
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
