package talos.driver.simulator;

import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.FailureCode;
import talos.driver.Position;
import talos.driver.Range;

import java.time.Duration;

/**
 * The simulator's options, read from checked {@link DriverOptions} and checked once more for values
 * of the right type that still cannot work, such as a travel range upside down or a zero slew rate.
 *
 * @param frameInterval the time between received frames; zero when frames are off
 */
record SimulatorSettings(Range azimuth, Range elevation, double azimuthRate, double elevationRate,
                         double resolution, Position start, Position park, Duration replyDelay,
                         boolean stall, Duration slowReplies, long disconnectAfter,
                         Duration frameInterval) {

  static final String AZIMUTH_MIN = "azimuthMin";
  static final String AZIMUTH_MAX = "azimuthMax";
  static final String ELEVATION_MIN = "elevationMin";
  static final String ELEVATION_MAX = "elevationMax";
  static final String AZIMUTH_RATE = "azimuthRate";
  static final String ELEVATION_RATE = "elevationRate";
  static final String RESOLUTION = "resolution";
  static final String PARK_AZIMUTH = "parkAzimuth";
  static final String PARK_ELEVATION = "parkElevation";
  static final String START_AZIMUTH = "startAzimuth";
  static final String START_ELEVATION = "startElevation";
  static final String REPLY_DELAY = "replyDelay";
  static final String FAULT_STALL = "fault.stall";
  static final String FAULT_SLOW_REPLIES = "fault.slowReplies";
  static final String FAULT_DISCONNECT_AFTER = "fault.disconnectAfter";
  static final String FRAME_INTERVAL = "frameInterval";

  /** The shortest interval between simulated frames, other than 0 (off). */
  static final Duration MIN_FRAME_INTERVAL = Duration.ofMillis(10);

  /** The widest azimuth travel the station protocol can command, in degrees. */
  static final Range AZIMUTH_LIMITS = new Range(-180, 540);
  /** The widest elevation travel the station protocol can command, in degrees. */
  static final Range ELEVATION_LIMITS = new Range(-90, 180);

  /**
   * Reads the settings.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} naming the option, its value and
   *     what it must be
   */
  static SimulatorSettings from(DriverOptions options) {
    Range azimuth = travel(options, AZIMUTH_MIN, AZIMUTH_MAX, AZIMUTH_LIMITS);
    Range elevation = travel(options, ELEVATION_MIN, ELEVATION_MAX, ELEVATION_LIMITS);
    double azimuthRate = positive(options, AZIMUTH_RATE);
    double elevationRate = positive(options, ELEVATION_RATE);
    double resolution = positive(options, RESOLUTION);
    Position start = new Position(within(options, START_AZIMUTH, azimuth),
        within(options, START_ELEVATION, elevation));
    Position park = new Position(within(options, PARK_AZIMUTH, azimuth),
        within(options, PARK_ELEVATION, elevation));
    Duration replyDelay = notNegative(options, REPLY_DELAY);
    Duration slowReplies = notNegative(options, FAULT_SLOW_REPLIES);
    long disconnectAfter = options.integer(FAULT_DISCONNECT_AFTER);
    if (disconnectAfter < 0) {
      throw refused(options, FAULT_DISCONNECT_AFTER, "0 (never) or a positive count");
    }
    return new SimulatorSettings(azimuth, elevation, azimuthRate, elevationRate, resolution, start,
        park, replyDelay, options.bool(FAULT_STALL), slowReplies, disconnectAfter,
        frameInterval(options));
  }

  private static Duration frameInterval(DriverOptions options) {
    String text = options.string(FRAME_INTERVAL).trim();
    if (text.equals("0") || text.equalsIgnoreCase("off")) {
      return Duration.ZERO;
    }
    String rule = "a duration of at least " + MIN_FRAME_INTERVAL.toMillis()
        + "ms such as 500ms or 2s, or 0 or off for no frames";
    Duration interval;
    try {
      interval = DriverOptions.parseDuration(text);
    } catch (RuntimeException e) {
      throw refused(options, FRAME_INTERVAL, rule);
    }
    if (interval.compareTo(MIN_FRAME_INTERVAL) < 0 && !interval.isZero()) {
      throw refused(options, FRAME_INTERVAL, rule);
    }
    return interval;
  }

  private static Range travel(DriverOptions options, String minName, String maxName, Range limits) {
    double min = options.decimal(minName);
    double max = options.decimal(maxName);
    if (!limits.contains(min)) {
      throw refused(options, minName, "within " + limits);
    }
    if (!limits.contains(max)) {
      throw refused(options, maxName, "within " + limits);
    }
    if (max <= min) {
      throw refused(options, maxName, "above " + minName + " (" + options.string(minName) + ")");
    }
    return new Range(min, max);
  }

  private static double positive(DriverOptions options, String name) {
    double value = options.decimal(name);
    if (value <= 0) {
      throw refused(options, name, "above 0");
    }
    return value;
  }

  private static double within(DriverOptions options, String name, Range travel) {
    double value = options.decimal(name);
    if (!travel.contains(value)) {
      throw refused(options, name, "within the travel " + travel);
    }
    return value;
  }

  private static Duration notNegative(DriverOptions options, String name) {
    Duration value = options.duration(name);
    if (value.isNegative()) {
      throw refused(options, name, "zero or longer");
    }
    return value;
  }

  private static DriverException refused(DriverOptions options, String name, String rule) {
    return new DriverException(FailureCode.CONFIGURATION, "driver " + SimulatorProvider.NAME
        + " option '" + name + "' is '" + options.string(name) + "'; it must be " + rule);
  }
}
