package talos.agent;

import io.vertx.core.Future;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorDriver;
import talos.driver.RotatorOperation;

import java.util.Locale;

/**
 * A rotator behind the station's limits: a target outside the configured limits or the rotator's
 * travel is refused with a {@code limit} event, and an operation the rotator does not offer is
 * refused with {@link talos.driver.FailureCode#NOT_AVAILABLE}; in both cases the driver is not
 * called.
 */
final class GuardedRotator extends GuardedDevice<RotatorDriver> {

  private final AgentConfig.Limits limits;

  GuardedRotator(DeviceParts parts, RotatorDriver driver, AgentConfig.Limits limits) {
    super(parts, driver);
    this.limits = limits;
  }

  RotatorCapabilities capabilities() {
    return driver.capabilities();
  }

  /** The measured position. */
  Future<Position> position() {
    if (!capabilities().supports(RotatorOperation.GET_POSITION)) {
      return refuseUnsupported("report its position");
    }
    return call(driver::position);
  }

  /** Starts moving to a target within the limits; completes once the rotator took the command. */
  Future<Void> moveTo(Position target) {
    if (!capabilities().supports(RotatorOperation.SET_POSITION)) {
      return refuseUnsupported("move to a position");
    }
    String violation = violation(target);
    if (violation != null) {
      return refuseLimit(violation);
    }
    return call(() -> driver.moveTo(target));
  }

  /** Stops both axes where they are. */
  Future<Void> stop() {
    if (!capabilities().supports(RotatorOperation.STOP)) {
      return refuseUnsupported("stop");
    }
    return call(driver::stop);
  }

  /**
   * Drives to the configured park position: with the rotator's own park operation, or by moving
   * there when it has none.
   */
  Future<Void> park() {
    Position park = limits.park();
    String violation = violation(park);
    if (violation != null) {
      return refuseLimit("park position: " + violation);
    }
    if (capabilities().supports(RotatorOperation.PARK)) {
      return call(() -> driver.park(park));
    }
    return moveTo(park);
  }

  /** The configured park position. */
  Position parkPosition() {
    return limits.park();
  }

  /** The azimuths a target may have: the station's limits within the rotator's travel. */
  Range allowedAzimuth() {
    return within(limits.azimuth(), capabilities().azimuth());
  }

  /** The elevations a target may have: the station's limits within the rotator's travel. */
  Range allowedElevation() {
    return within(limits.elevation(), capabilities().elevation());
  }

  private static Range within(Range limit, Range travel) {
    if (travel == null) {
      return limit;
    }
    double min = Math.max(limit.min(), travel.min());
    double max = Math.min(limit.max(), travel.max());
    return min <= max ? new Range(min, max) : limit;
  }

  private String violation(Position target) {
    RotatorCapabilities capabilities = capabilities();
    String azimuth = outside("azimuth", target.azimuth(), limits.azimuth(), capabilities.azimuth());
    return azimuth != null ? azimuth
        : outside("elevation", target.elevation(), limits.elevation(), capabilities.elevation());
  }

  private static String outside(String axis, double value, Range limit, Range travel) {
    if (!limit.contains(value)) {
      return String.format(Locale.ROOT, "%s %.2f° is outside the station's limits %s", axis, value,
          limit);
    }
    if (travel != null && !travel.contains(value)) {
      return String.format(Locale.ROOT, "%s %.2f° is outside the rotator's travel %s", axis, value,
          travel);
    }
    return null;
  }
}
