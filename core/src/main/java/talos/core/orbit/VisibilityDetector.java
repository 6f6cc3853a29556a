package talos.core.orbit;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.events.AbstractDetector;
import org.orekit.propagation.events.EventDetectionSettings;
import org.orekit.propagation.events.handlers.EventHandler;
import org.orekit.propagation.events.intervals.AdaptableInterval;

/**
 * Positive while a satellite is above a site's horizon mask and minimum elevation. Its check
 * interval adapts to how far below the horizon the satellite is: elevation cannot change faster
 * than {@value #MAX_ELEVATION_RATE}°/s, so a satellite 30° down is not looked at again for a minute.
 */
final class VisibilityDetector extends AbstractDetector<VisibilityDetector> {

  /** An upper bound of how fast elevation changes for any Earth satellite seen from the ground, °/s. */
  static final double MAX_ELEVATION_RATE = 0.5;

  private static final double MIN_INTERVAL = 5;
  private static final double MAX_INTERVAL = 600;
  private static final double THRESHOLD = 0.01;

  private final TopocentricFrame topocentric;
  private final Site site;
  private final double minElevation;

  VisibilityDetector(TopocentricFrame topocentric, Site site, double minElevation, EventHandler handler) {
    this(settings(topocentric, site, minElevation), handler, topocentric, site, minElevation);
  }

  private VisibilityDetector(EventDetectionSettings settings, EventHandler handler, TopocentricFrame topocentric,
                             Site site, double minElevation) {
    super(settings, handler);
    this.topocentric = topocentric;
    this.site = site;
    this.minElevation = minElevation;
  }

  @Override
  public double g(SpacecraftState state) {
    return margin(state, topocentric, site, minElevation);
  }

  @Override
  protected VisibilityDetector create(EventDetectionSettings settings, EventHandler handler) {
    return new VisibilityDetector(settings, handler, topocentric, site, minElevation);
  }

  /** Degrees above the mask (positive) or below it (negative). */
  static double margin(SpacecraftState state, TopocentricFrame topocentric, Site site, double minElevation) {
    Vector3D position = state.getPosition();
    double elevation = Math.toDegrees(topocentric.getElevation(position, state.getFrame(), state.getDate()));
    double azimuth = Math.toDegrees(topocentric.getAzimuth(position, state.getFrame(), state.getDate()));
    return elevation - Math.max(minElevation, site.maskElevation(azimuth));
  }

  private static EventDetectionSettings settings(TopocentricFrame topocentric, Site site, double minElevation) {
    AdaptableInterval interval = (state, forward) -> {
      double below = -margin(state, topocentric, site, minElevation);
      return Math.max(MIN_INTERVAL, Math.min(MAX_INTERVAL, below / MAX_ELEVATION_RATE));
    };
    return new EventDetectionSettings(interval, THRESHOLD, EventDetectionSettings.DEFAULT_MAX_ITER);
  }
}
