package talos.driver.sdr;

import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.FailureCode;
import talos.driver.Range;

import java.time.Duration;

/**
 * The rtl_tcp driver's options for one radio, read from checked {@link DriverOptions} and checked
 * once more for values of the right type that still cannot work, such as a sample rate the
 * RTL2832 does not offer.
 *
 * @param timeout how long connecting, the header, and any pause in the samples may take
 * @param frequency the frequency tuned on opening, before the first setpoint, in hertz
 * @param gainTenths the manual tuner gain in tenths of a decibel, or {@code -1} for automatic
 * @param ppm the crystal's error in parts per million
 * @param offset added to every frequency tuned, in hertz, to keep the signal off the receiver's
 *     DC spike; blocks report the frequency the tuner is set to
 * @param blockSamples how many samples one {@link talos.driver.IqBlock} holds
 * @param fallback the frequencies tuned when rtl_tcp reports an unknown tuner, in hertz
 */
record RtlTcpSettings(String host, int port, Duration timeout, int retries,
                      Duration reconnectInitial, Duration reconnectMax, long frequency,
                      int sampleRate, int gainTenths, int ppm, boolean agc, boolean biasTee,
                      long offset, int blockSamples, Range fallback) {

  static final String HOST = "host";
  static final String PORT = "port";
  static final String TIMEOUT = "timeout";
  static final String RETRIES = "retries";
  static final String RECONNECT_INITIAL = "reconnectInitial";
  static final String RECONNECT_MAX = "reconnectMax";
  static final String FREQUENCY = "frequency";
  static final String SAMPLE_RATE = "sampleRate";
  static final String GAIN = "gain";
  static final String PPM = "ppm";
  static final String AGC = "agc";
  static final String BIAS_TEE = "biasTee";
  static final String OFFSET = "offset";
  static final String BLOCK_SAMPLES = "blockSamples";
  static final String FREQUENCY_MIN = "frequencyMin";
  static final String FREQUENCY_MAX = "frequencyMax";

  /** The highest frequency rtl_tcp's four-byte parameter carries, in hertz. */
  static final long MAX_FREQUENCY = 0xffff_ffffL;
  /** The longest reconnection delay. */
  static final Duration LONGEST_BACKOFF = Duration.ofHours(1);

  /**
   * Reads the settings of one radio.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} naming the option, its value and
   *     what it must be
   */
  static RtlTcpSettings from(DriverOptions options) {
    String host = options.string(HOST).trim();
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw refused(options, HOST, "a host name or an IP address, such as 127.0.0.1");
    }
    long port = options.integer(PORT);
    if (port < 1 || port > 65_535) {
      throw refused(options, PORT, "from 1 to 65535");
    }
    Duration timeout = options.duration(TIMEOUT);
    if (timeout.compareTo(Duration.ofMillis(50)) < 0
        || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw refused(options, TIMEOUT, "from 50ms to 60s");
    }
    long retries = options.integer(RETRIES);
    if (retries < 0 || retries > 10) {
      throw refused(options, RETRIES, "from 0 to 10");
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
    long rate = options.integer(SAMPLE_RATE);
    if (!(rate > 225_000 && rate <= 300_000) && !(rate > 900_000 && rate <= 3_200_000)) {
      throw refused(options, SAMPLE_RATE, "from 225001 to 300000 or from 900001 to 3200000,"
          + " the rates of the RTL2832 (2048000 is common; above 2400000 samples may be lost)");
    }
    long offset = options.integer(OFFSET);
    if (Math.abs(offset) >= rate / 2) {
      throw refused(options, OFFSET, "within ± half the sample rate (" + rate / 2 + " Hz)");
    }
    long ppm = options.integer(PPM);
    if (ppm < -1000 || ppm > 1000) {
      throw refused(options, PPM, "from -1000 to 1000");
    }
    long blockSamples = options.integer(BLOCK_SAMPLES);
    if (blockSamples < 256 || blockSamples > 1 << 20) {
      throw refused(options, BLOCK_SAMPLES, "from 256 to 1048576");
    }
    long min = options.integer(FREQUENCY_MIN);
    long maxFrequency = options.integer(FREQUENCY_MAX);
    if (min < 0) {
      throw refused(options, FREQUENCY_MIN, "0 or above");
    }
    if (maxFrequency <= min || maxFrequency > MAX_FREQUENCY) {
      throw refused(options, FREQUENCY_MAX, "above " + FREQUENCY_MIN + " ("
          + options.string(FREQUENCY_MIN) + ") and at most " + MAX_FREQUENCY);
    }
    long frequency = options.integer(FREQUENCY);
    if (frequency + offset < 0 || frequency + offset > MAX_FREQUENCY) {
      throw refused(options, FREQUENCY, "from 0 to " + MAX_FREQUENCY + " hertz with the offset");
    }
    return new RtlTcpSettings(host, (int) port, timeout, (int) retries, initial, max, frequency,
        (int) rate, gain(options), (int) ppm, options.bool(AGC), options.bool(BIAS_TEE), offset,
        (int) blockSamples, new Range(min, maxFrequency));
  }

  /** The server, for messages: {@code rtl_tcp at 127.0.0.1:1234}. */
  String peer() {
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return "rtl_tcp at " + shownHost + ":" + port;
  }

  private static int gain(DriverOptions options) {
    String text = options.string(GAIN).trim();
    if (text.equals("auto")) {
      return -1;
    }
    try {
      double decibels = Double.parseDouble(text);
      if (decibels >= 0 && decibels <= 100) {
        return (int) Math.round(decibels * 10);
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw refused(options, GAIN, "auto or a gain in decibels from 0 to 100, such as 29.7");
  }

  private static DriverException refused(DriverOptions options, String name, String rule) {
    return new DriverException(FailureCode.CONFIGURATION, "driver " + RtlTcpProvider.NAME
        + " option '" + name + "' is '" + options.string(name) + "'; it must be " + rule);
  }
}
