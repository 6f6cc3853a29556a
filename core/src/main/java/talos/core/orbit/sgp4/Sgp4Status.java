package talos.core.orbit.sgp4;

/**
 * The outcome of one {@link Sgp4} propagation: {@link #OK}, or why the model gave no state.
 *
 * <p>The failures are those of the reference implementation (Vallado et al., "Revisiting
 * Spacetrack Report #3", AIAA 2006-6753), whose error number each one names, plus two that it
 * leaves to its caller: unusable element sets and a non-finite time.
 */
public enum Sgp4Status {

  /** The state was computed. */
  OK("state computed"),

  /**
   * The mean eccentricity, after drag, left the range [-0.001, 1): the orbit has degenerated, as
   * for an object that decayed long before the requested time (error 1 of the reference).
   */
  MEAN_ECCENTRICITY_OUT_OF_RANGE("mean eccentricity out of [-0.001, 1): the orbit has degenerated"),

  /**
   * The mean motion is zero or negative, or is not a number; also given for an element set whose
   * mean motion is not positive (error 2 of the reference).
   */
  MEAN_MOTION_NOT_POSITIVE("mean motion is not positive"),

  /**
   * The eccentricity with the lunar-solar periodic terms (deep space only) left [0, 1]
   * (error 3 of the reference).
   */
  PERTURBED_ECCENTRICITY_OUT_OF_RANGE("eccentricity with lunar-solar terms out of [0, 1]"),

  /**
   * The semi-latus rectum came out negative: the osculating orbit is not an ellipse
   * (error 4 of the reference).
   */
  SEMI_LATUS_RECTUM_NEGATIVE("semi-latus rectum is negative: the orbit is not an ellipse"),

  /**
   * The computed distance from the Earth's centre is below one Earth radius (6378.135 km): the
   * satellite has decayed (error 6 of the reference).
   */
  DECAYED("the satellite is below the Earth's surface: it has decayed"),

  /** The element set cannot be propagated: its eccentricity is outside [0, 1) or not a number. */
  ECCENTRICITY_INVALID("element set eccentricity outside [0, 1)"),

  /** The requested time is infinite or not a number. */
  TIME_NOT_FINITE("time since epoch is not finite");

  private final String description;

  Sgp4Status(String description) {
    this.description = description;
  }

  /** A short English explanation, fit for a log line or an operator. */
  public String description() {
    return description;
  }

  /** Whether a state was computed. */
  public boolean isOk() {
    return this == OK;
  }
}
