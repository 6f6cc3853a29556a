package talos.driver.hamlib;

import talos.driver.DeviceKind;
import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.FailureCode;
import talos.driver.Range;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The Hamlib driver's options for one device, read from checked {@link DriverOptions} and checked
 * once more for values of the right type that still cannot work, such as a port above 65535 or a
 * backoff whose maximum is below its start.
 *
 * @param port the daemon's port; when not configured, 4533 ({@code rotctld}) for a rotator and
 *     4532 ({@code rigctld}) for a radio
 * @param retries how many more times a call is tried after a retryable failure
 * @param dumpState whether to ask the daemon's {@code \dump_state} for the device's limits
 * @param azimuth the rotator's travel when the daemon does not tell it
 * @param parkWithCommand whether park always sends the rotator's own park command {@code K}
 * @param frequencies the radio's receive range when the daemon does not tell it, in hertz
 * @param modes the radio's modes when the daemon does not tell them
 * @param uplinkVfo the VFO the uplink is tuned on, in split; {@code null} when the radio has none
 * @param passband the passband sent with a mode, in hertz: 0 for the radio's normal one, -1 to
 *     keep the current one
 */
record HamlibSettings(String host, int port, Duration timeout, int retries,
                      Duration reconnectInitial, Duration reconnectMax, boolean dumpState,
                      Range azimuth, Range elevation, double azimuthRate, double elevationRate,
                      boolean parkWithCommand, Range frequencies, Set<String> modes,
                      String uplinkVfo, long passband) {

  static final String HOST = "host";
  static final String PORT = "port";
  static final String TIMEOUT = "timeout";
  static final String RETRIES = "retries";
  static final String RECONNECT_INITIAL = "reconnectInitial";
  static final String RECONNECT_MAX = "reconnectMax";
  static final String DUMP_STATE = "dumpState";
  static final String AZIMUTH_MIN = "azimuthMin";
  static final String AZIMUTH_MAX = "azimuthMax";
  static final String ELEVATION_MIN = "elevationMin";
  static final String ELEVATION_MAX = "elevationMax";
  static final String AZIMUTH_RATE = "azimuthRate";
  static final String ELEVATION_RATE = "elevationRate";
  static final String PARK = "park";
  static final String FREQUENCY_MIN = "frequencyMin";
  static final String FREQUENCY_MAX = "frequencyMax";
  static final String MODES = "modes";
  static final String UPLINK_VFO = "uplinkVfo";
  static final String PASSBAND = "passband";

  /** {@code rotctld}'s default port. */
  static final int ROTCTLD_PORT = 4533;
  /** {@code rigctld}'s default port. */
  static final int RIGCTLD_PORT = 4532;
  /** The widest azimuth travel the station protocol can command, in degrees. */
  static final Range AZIMUTH_LIMITS = new Range(-180, 540);
  /** The widest elevation travel the station protocol can command, in degrees. */
  static final Range ELEVATION_LIMITS = new Range(-90, 180);
  /** The shortest time a command may be given. */
  static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(50);
  /** The longest time a command may be given. */
  static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);
  /** The most retries a call may be given. */
  static final int MAX_RETRIES = 10;
  /** The longest reconnection delay. */
  static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

  public HamlibSettings {
    modes = Set.copyOf(modes);
  }

  /**
   * Reads the settings for a device of this kind.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} naming the option, its value and
   *     what it must be
   */
  static HamlibSettings from(DriverOptions options, DeviceKind kind) {
    String host = options.string(HOST).trim();
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw refused(options, HOST, "a host name or an IP address, such as 127.0.0.1");
    }
    int port = kind == DeviceKind.ROTATOR ? ROTCTLD_PORT : RIGCTLD_PORT;
    if (options.has(PORT)) {
      long configured = options.integer(PORT);
      if (configured < 1 || configured > 65_535) {
        throw refused(options, PORT, "from 1 to 65535");
      }
      port = (int) configured;
    }
    Duration timeout = options.duration(TIMEOUT);
    if (timeout.compareTo(SHORTEST_TIMEOUT) < 0 || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
      throw refused(options, TIMEOUT, "from 50ms to 60s");
    }
    long retries = options.integer(RETRIES);
    if (retries < 0 || retries > MAX_RETRIES) {
      throw refused(options, RETRIES, "from 0 to " + MAX_RETRIES);
    }
    Duration initial = options.duration(RECONNECT_INITIAL);
    if (initial.toMillis() < 10 || initial.compareTo(LONGEST_BACKOFF) > 0) {
      throw refused(options, RECONNECT_INITIAL, "from 10ms to 1h");
    }
    Duration max = options.duration(RECONNECT_MAX);
    if (max.compareTo(initial) < 0 || max.compareTo(LONGEST_BACKOFF) > 0) {
      throw refused(options, RECONNECT_MAX, "from " + RECONNECT_INITIAL + " ("
          + options.string(RECONNECT_INITIAL) + ") to 1h");
    }
    return new HamlibSettings(host, port, timeout, (int) retries, initial, max,
        options.bool(DUMP_STATE),
        travel(options, AZIMUTH_MIN, AZIMUTH_MAX, AZIMUTH_LIMITS),
        travel(options, ELEVATION_MIN, ELEVATION_MAX, ELEVATION_LIMITS),
        notNegative(options, AZIMUTH_RATE), notNegative(options, ELEVATION_RATE),
        park(options), frequencies(options), modes(options), uplinkVfo(options),
        passband(options));
  }

  /** The daemon the device talks to, for messages: {@code rotctld at 127.0.0.1:4533}. */
  String peer(DeviceKind kind) {
    String daemon = kind == DeviceKind.ROTATOR ? "rotctld" : "rigctld";
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return daemon + " at " + shownHost + ":" + port;
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

  private static double notNegative(DriverOptions options, String name) {
    double value = options.decimal(name);
    if (value < 0) {
      throw refused(options, name, "0 (unknown) or above");
    }
    return value;
  }

  private static boolean park(DriverOptions options) {
    return switch (options.string(PARK)) {
      case "position" -> false;
      case "command" -> true;
      default -> throw refused(options, PARK, "position or command");
    };
  }

  private static Range frequencies(DriverOptions options) {
    long min = options.integer(FREQUENCY_MIN);
    long max = options.integer(FREQUENCY_MAX);
    if (min < 0) {
      throw refused(options, FREQUENCY_MIN, "0 or above");
    }
    if (max <= min) {
      throw refused(options, FREQUENCY_MAX, "above " + FREQUENCY_MIN + " ("
          + options.string(FREQUENCY_MIN) + ")");
    }
    return new Range(min, max);
  }

  private static Set<String> modes(DriverOptions options) {
    Set<String> modes = new LinkedHashSet<>();
    for (String mode : options.string(MODES).split(",")) {
      String name = mode.trim();
      if (!name.matches("[A-Z0-9][A-Z0-9-]{0,15}")) {
        throw refused(options, MODES, "a comma-separated list of Hamlib mode names such as"
            + " FM,USB,LSB,CW");
      }
      modes.add(name);
    }
    return modes;
  }

  private static String uplinkVfo(DriverOptions options) {
    String vfo = options.string(UPLINK_VFO).trim();
    if (vfo.equals("none")) {
      return null;
    }
    if (!vfo.matches("[A-Za-z][A-Za-z0-9]{0,15}")) {
      throw refused(options, UPLINK_VFO, "a Hamlib VFO name such as VFOB, Sub or Main, or none");
    }
    return vfo;
  }

  private static long passband(DriverOptions options) {
    long passband = options.integer(PASSBAND);
    if (passband < -1 || passband > 1_000_000) {
      throw refused(options, PASSBAND, "-1 (keep), 0 (the radio's normal one) or a width in"
          + " hertz up to 1000000");
    }
    return passband;
  }

  private static DriverException refused(DriverOptions options, String name, String rule) {
    return new DriverException(FailureCode.CONFIGURATION, "driver " + HamlibProvider.NAME
        + " option '" + name + "' is '" + options.string(name) + "'; it must be " + rule);
  }
}
