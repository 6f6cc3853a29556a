package talos.driver.serial;

import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.FailureCode;
import talos.driver.Range;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The serial driver's options for one rotator, read from checked {@link DriverOptions} and checked
 * once more for values of the right type that still cannot work, such as a baud rate no UART
 * offers or a travel the protocol cannot command.
 *
 * @param port the serial device, such as {@code /dev/ttyUSB0} or {@code COM3}
 * @param parity {@code none}, {@code even}, {@code odd}, {@code mark} or {@code space}
 * @param stopBits {@code 1}, {@code 1.5} or {@code 2}
 * @param timeout how long an answer may take
 * @param writeGap the least time between two commands, for controllers that lose a command sent
 *     too soon after the previous one
 * @param pollInterval how often an idle link reads the position by itself; zero for never
 * @param openDelay how long to wait after opening the port before the first command, for boards
 *     that reset when the port opens
 * @param retries how many more times a call is tried after a retryable failure
 */
record SerialSettings(Protocol protocol, String port, int baud, int dataBits, String parity,
                      String stopBits, Duration timeout, Duration writeGap, Duration pollInterval,
                      Duration openDelay, int retries, Duration reconnectInitial,
                      Duration reconnectMax, Range azimuth, Range elevation, double azimuthRate,
                      double elevationRate) {

  static final String PROTOCOL = "protocol";
  static final String PORT = "port";
  static final String BAUD = "baud";
  static final String DATA_BITS = "dataBits";
  static final String PARITY = "parity";
  static final String STOP_BITS = "stopBits";
  static final String TIMEOUT = "timeout";
  static final String WRITE_GAP = "writeGap";
  static final String POLL_INTERVAL = "pollInterval";
  static final String OPEN_DELAY = "openDelay";
  static final String RETRIES = "retries";
  static final String RECONNECT_INITIAL = "reconnectInitial";
  static final String RECONNECT_MAX = "reconnectMax";
  static final String AZIMUTH_MIN = "azimuthMin";
  static final String AZIMUTH_MAX = "azimuthMax";
  static final String ELEVATION_MIN = "elevationMin";
  static final String ELEVATION_MAX = "elevationMax";
  static final String AZIMUTH_RATE = "azimuthRate";
  static final String ELEVATION_RATE = "elevationRate";

  /** The line speeds a serial port is set to, in bits per second. */
  static final List<Integer> BAUD_RATES = List.of(150, 300, 600, 1200, 2400, 4800, 9600, 19_200,
      38_400, 57_600, 115_200);
  /** The parities a serial port is set to. */
  static final List<String> PARITIES = List.of("none", "even", "odd", "mark", "space");
  /** The stop bits a serial port is set to. */
  static final List<String> STOP_BITS_ALLOWED = List.of("1", "1.5", "2");
  /** The most retries a call may be given. */
  static final int MAX_RETRIES = 10;
  /** The longest reconnection delay. */
  static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

  /**
   * Reads the settings of one rotator.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} naming the option, its value and
   *     what it must be
   */
  static SerialSettings from(DriverOptions options) {
    Protocol protocol = Protocol.named(options.string(PROTOCOL).trim())
        .orElseThrow(() -> refused(options, PROTOCOL, Protocol.names()));
    String port = options.string(PORT).trim();
    if (port.isEmpty() || port.chars().anyMatch(Character::isISOControl)) {
      throw refused(options, PORT, "a serial device such as /dev/ttyUSB0,"
          + " /dev/serial/by-id/… or COM3");
    }
    long baud = options.integer(BAUD);
    if (BAUD_RATES.stream().noneMatch(rate -> rate == baud)) {
      throw refused(options, BAUD, "one of " + join(BAUD_RATES));
    }
    long dataBits = options.integer(DATA_BITS);
    if (dataBits < 5 || dataBits > 8) {
      throw refused(options, DATA_BITS, "from 5 to 8");
    }
    String parity = options.string(PARITY).trim().toLowerCase(Locale.ROOT);
    if (!PARITIES.contains(parity)) {
      throw refused(options, PARITY, "one of " + join(PARITIES));
    }
    String stopBits = options.string(STOP_BITS).trim();
    if (!STOP_BITS_ALLOWED.contains(stopBits)) {
      throw refused(options, STOP_BITS, "one of " + join(STOP_BITS_ALLOWED));
    }
    Duration timeout = within(options, TIMEOUT, Duration.ofMillis(50), Duration.ofSeconds(60),
        "from 50ms to 60s");
    Duration writeGap = within(options, WRITE_GAP, Duration.ZERO, Duration.ofSeconds(5),
        "from 0ms to 5s");
    Duration poll = options.duration(POLL_INTERVAL);
    if (!poll.isZero() && (poll.compareTo(Duration.ofMillis(100)) < 0
        || poll.compareTo(LONGEST_BACKOFF) > 0)) {
      throw refused(options, POLL_INTERVAL, "0ms (never) or from 100ms to 1h");
    }
    Duration openDelay = within(options, OPEN_DELAY, Duration.ZERO, Duration.ofSeconds(30),
        "from 0ms to 30s");
    long retries = options.integer(RETRIES);
    if (retries < 0 || retries > MAX_RETRIES) {
      throw refused(options, RETRIES, "from 0 to " + MAX_RETRIES);
    }
    Duration initial = within(options, RECONNECT_INITIAL, Duration.ofMillis(10), LONGEST_BACKOFF,
        "from 10ms to 1h");
    Duration max = options.duration(RECONNECT_MAX);
    if (max.compareTo(initial) < 0 || max.compareTo(LONGEST_BACKOFF) > 0) {
      throw refused(options, RECONNECT_MAX, "from " + RECONNECT_INITIAL + " ("
          + options.string(RECONNECT_INITIAL) + ") to 1h");
    }
    return new SerialSettings(protocol, port, (int) baud, (int) dataBits, parity, stopBits,
        timeout, writeGap, poll, openDelay, (int) retries, initial, max,
        travel(options, protocol, AZIMUTH_MIN, AZIMUTH_MAX, protocol.azimuthLimits()),
        travel(options, protocol, ELEVATION_MIN, ELEVATION_MAX, protocol.elevationLimits()),
        notNegative(options, AZIMUTH_RATE), notNegative(options, ELEVATION_RATE));
  }

  /** The line as messages show it: {@code gs232b on /dev/ttyUSB0 at 9600 8N1}. */
  String line() {
    return protocol + " on " + port + " at " + baud + " " + dataBits
        + Character.toUpperCase(parity.charAt(0)) + stopBits;
  }

  /** How long one character takes on the wire: start bit, data bits, parity and stop bits. */
  Duration characterTime() {
    double bits = 1 + dataBits + (parity.equals("none") ? 0 : 1) + Double.parseDouble(stopBits);
    return Duration.ofNanos(Math.round(bits * 1e9 / baud));
  }

  private static Range travel(DriverOptions options, Protocol protocol, String minName,
                              String maxName, Range limits) {
    double min = options.decimal(minName);
    double max = options.decimal(maxName);
    String rule = "within " + limits + " (what " + protocol + " can command)";
    if (!limits.contains(min)) {
      throw refused(options, minName, rule);
    }
    if (!limits.contains(max)) {
      throw refused(options, maxName, rule);
    }
    if (max <= min) {
      throw refused(options, maxName, "above " + minName + " (" + options.string(minName) + ")");
    }
    return new Range(min, max);
  }

  private static Duration within(DriverOptions options, String name, Duration min, Duration max,
                                 String rule) {
    Duration value = options.duration(name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw refused(options, name, rule);
    }
    return value;
  }

  private static double notNegative(DriverOptions options, String name) {
    double value = options.decimal(name);
    if (value < 0) {
      throw refused(options, name, "0 (unknown) or above");
    }
    return value;
  }

  private static String join(List<?> values) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      joined.append(i == 0 ? "" : i == values.size() - 1 ? " or " : ", ").append(values.get(i));
    }
    return joined.toString();
  }

  private static DriverException refused(DriverOptions options, String name, String rule) {
    return new DriverException(FailureCode.CONFIGURATION, "driver " + SerialProvider.NAME
        + " option '" + name + "' is '" + options.string(name) + "'; it must be " + rule);
  }
}
