package talos.driver.hamlib;

import talos.driver.DriverException;
import talos.driver.FailureCode;
import talos.driver.Range;

import java.util.HashMap;
import java.util.Map;

/**
 * What {@code rotctld} tells of its rotator in answer to {@code \dump_state}: the model and the
 * travel limits. Two forms are read: protocol 0 (Hamlib 3), six lines (protocol version, model,
 * minimum and maximum azimuth, minimum and maximum elevation), and protocol 1 (Hamlib 4), the
 * version and model followed by {@code key=value} lines up to {@code done}.
 *
 * @param model the Hamlib rotator model number, such as {@code 202} for EasyComm II
 */
record RotatorDump(int model, Range azimuth, Range elevation) {

  /** More {@code key=value} lines than this is not a {@code dump_state} answer. */
  private static final int MAX_SETTINGS = 64;

  /**
   * Reads the answer after {@code \dump_state} was sent.
   *
   * @throws HamlibException when the daemon answered with an error code (it does not offer the
   *     command)
   * @throws DriverException with {@link FailureCode#PROTOCOL} for an answer of another form
   */
  static RotatorDump read(LineSource source) {
    int version = (int) Replies.number(source, Replies.firstValue(source), "protocol version");
    int model = (int) Replies.number(source, source.readLine(), "rotator model");
    if (version == 0) {
      double minAz = Replies.number(source, source.readLine(), "minimum azimuth");
      double maxAz = Replies.number(source, source.readLine(), "maximum azimuth");
      double minEl = Replies.number(source, source.readLine(), "minimum elevation");
      double maxEl = Replies.number(source, source.readLine(), "maximum elevation");
      return new RotatorDump(model, range(source, "azimuth", minAz, maxAz),
          range(source, "elevation", minEl, maxEl));
    }
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; ; i++) {
      String line = source.readLine();
      if (line.trim().equals("done")) {
        break;
      }
      int equals = line.indexOf('=');
      if (equals <= 0 || i >= MAX_SETTINGS) {
        throw Replies.unexpected(source, line, "a key=value line or done");
      }
      settings.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
    }
    return new RotatorDump(model,
        range(source, "azimuth", setting(source, settings, "min_az"),
            setting(source, settings, "max_az")),
        range(source, "elevation", setting(source, settings, "min_el"),
            setting(source, settings, "max_el")));
  }

  private static double setting(LineSource source, Map<String, String> settings, String key) {
    String value = settings.get(key);
    if (value == null) {
      throw new DriverException(FailureCode.PROTOCOL, source.peer() + " answered '"
          + source.command() + "' without " + key);
    }
    return Replies.number(source, value, key);
  }

  private static Range range(LineSource source, String axis, double min, double max) {
    if (!(min < max)) {
      throw new DriverException(FailureCode.PROTOCOL, source.peer() + " reported an " + axis
          + " travel from " + min + "° to " + max + "°, which is empty");
    }
    return new Range(min, max);
  }
}
