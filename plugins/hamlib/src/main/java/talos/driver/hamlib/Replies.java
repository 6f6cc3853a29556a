package talos.driver.hamlib;

import talos.driver.DriverException;
import talos.driver.FailureCode;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads the answers of Hamlib's daemons in their default (not extended) form: a set command is
 * answered {@code RPRT 0}, or {@code RPRT n} with a negative Hamlib error code; a get command with
 * its values one per line, or only {@code RPRT n} when it failed. Anything else is a
 * {@link FailureCode#PROTOCOL} failure that quotes what came, with bytes that are not text shown as
 * {@code \xNN}.
 */
final class Replies {

  private static final Pattern RPRT = Pattern.compile("RPRT\\s+(-?\\d{1,9})\\s*");
  private static final int EXCERPT = 60;

  private Replies() {
  }

  /**
   * Reads the answer to a set command.
   *
   * @throws HamlibException for {@code RPRT n} with {@code n} below zero
   * @throws DriverException with {@link FailureCode#PROTOCOL} for any other answer
   */
  static void expectOk(LineSource source) {
    String line = source.readLine();
    OptionalInt code = rprt(line);
    if (code.isEmpty()) {
      throw unexpected(source, line, "RPRT 0");
    }
    failOnError(source, code.getAsInt());
  }

  /**
   * Reads the first line of the answer to a get command: a value, or the error that took its place.
   *
   * @throws HamlibException for {@code RPRT n} with {@code n} below zero
   * @throws DriverException with {@link FailureCode#PROTOCOL} for {@code RPRT 0} without a value
   */
  static String firstValue(LineSource source) {
    String line = source.readLine();
    OptionalInt code = rprt(line);
    if (code.isPresent()) {
      failOnError(source, code.getAsInt());
      throw unexpected(source, line, "a value");
    }
    return line;
  }

  /**
   * A number on a line of its own, as the daemons print them ({@code 145800000},
   * {@code 123.40}, {@code -180.000000}); a decimal comma is read as a point.
   *
   * @param what what the number is, for messages, such as {@code azimuth}
   * @throws DriverException with {@link FailureCode#PROTOCOL} when the line is not a finite number
   */
  static double number(LineSource source, String line, String what) {
    String text = line.trim();
    if (text.indexOf(',') >= 0 && text.indexOf('.') < 0) {
      text = text.replace(',', '.');
    }
    if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      throw unexpected(source, line, "the " + what + " as a number");
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw unexpected(source, line, "the " + what + " as a finite number");
    }
    return value;
  }

  /** The code of an {@code RPRT n} line, or empty for any other line. */
  static OptionalInt rprt(String line) {
    var matcher = RPRT.matcher(line);
    return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
        : OptionalInt.empty();
  }

  /** A failure for an answer that is not what the command expects. */
  static DriverException unexpected(LineSource source, String line, String expected) {
    return new DriverException(FailureCode.PROTOCOL, source.peer() + " answered '"
        + source.command() + "' with " + excerpt(line) + " where " + expected + " was expected");
  }

  /**
   * A line as messages quote it: in quotes, shortened to 60 characters, with control characters
   * and bytes that are not ASCII text shown as {@code \xNN}.
   */
  static String excerpt(String line) {
    StringBuilder shown = new StringBuilder("'");
    int count = 0;
    for (int i = 0; i < line.length() && count < EXCERPT; i++, count++) {
      char c = line.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        shown.append(c);
      } else {
        shown.append(String.format(java.util.Locale.ROOT, "\\x%02X", (int) c & 0xff));
      }
    }
    shown.append('\'');
    if (line.length() > EXCERPT) {
      shown.append("…");
    }
    return shown.toString();
  }

  private static void failOnError(LineSource source, int code) {
    if (code < 0) {
      throw HamlibException.of(code, source.peer(), source.command());
    }
    if (code > 0) {
      throw new DriverException(FailureCode.PROTOCOL, source.peer() + " answered '"
          + source.command() + "' with RPRT " + code + ", which is no Hamlib code");
    }
  }
}
