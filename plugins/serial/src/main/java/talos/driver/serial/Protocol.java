package talos.driver.serial;

import talos.driver.Position;
import talos.driver.Range;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command sets the driver speaks, each a few text commands and one answer to parse.
 *
 * <ul>
 *   <li><b>Yaesu GS-232A and GS-232B</b> (and the many controllers that imitate them): commands
 *       end with a carriage return; {@code Waaa eee} moves to whole degrees (azimuth 0 to 450,
 *       elevation 0 to 180), {@code C2} reads both axes, {@code S} stops both. The GS-232B answers
 *       {@code C2} with {@code AZ=aaa  EL=eee}, the GS-232A with {@code +0aaa+0eee}; both end
 *       their answers with a line feed, and answer a command they refuse with {@code ?>}.</li>
 *   <li><b>Easycomm II</b> (SatNOGS and other Arduino-based controllers): commands end with a
 *       line feed; {@code AZaaa.a ELeee.e} moves to a tenth of a degree, {@code AZ EL} reads the
 *       position, answered {@code AZaaa.a ELeee.e}, and {@code SA SE} stops both axes.</li>
 * </ul>
 *
 * <p>Moves and stops are not answered in either protocol (a controller may echo a line end, or
 * report its position after a stop); only the position query is.
 */
enum Protocol {

  GS232A("gs232a", "\r", 1, new Range(0, 450), new Range(0, 180), "C2", "S",
      Pattern.compile("\\+0?(\\d{1,3})\\s*\\+0?(\\d{1,3})"), "+0aaa+0eee"),
  GS232B("gs232b", "\r", 1, new Range(0, 450), new Range(0, 180), "C2", "S",
      Pattern.compile("AZ\\s*=\\s*(\\d{1,3})\\s*EL\\s*=\\s*(\\d{1,3})"), "AZ=aaa  EL=eee"),
  EASYCOMM2("easycomm2", "\n", 0.1, new Range(-180, 540), new Range(-90, 180), "AZ EL", "SA SE",
      Pattern.compile("AZ\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s+EL\\s*(-?\\d{1,3}(?:\\.\\d+)?)"),
      "AZaaa.a ELeee.e");

  /** What a GS-232 controller answers to a command it refuses. */
  static final String REFUSAL = "?>";

  private final String id;
  private final String terminator;
  private final double resolution;
  private final Range azimuth;
  private final Range elevation;
  private final String query;
  private final String stop;
  private final Pattern answer;
  private final String answerForm;

  Protocol(String id, String terminator, double resolution, Range azimuth, Range elevation,
           String query, String stop, Pattern answer, String answerForm) {
    this.id = id;
    this.terminator = terminator;
    this.resolution = resolution;
    this.azimuth = azimuth;
    this.elevation = elevation;
    this.query = query;
    this.stop = stop;
    this.answer = answer;
    this.answerForm = answerForm;
  }

  /** The protocol of this name, as the {@code protocol} option writes it. */
  static Optional<Protocol> named(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  /** Every name, for messages: {@code gs232a, gs232b or easycomm2}. */
  static String names() {
    String all = Arrays.stream(values()).map(p -> p.id).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }

  /** The name the {@code protocol} option uses. */
  String id() {
    return id;
  }

  /** What ends a command: a carriage return for GS-232, a line feed for Easycomm. */
  String terminator() {
    return terminator;
  }

  /** The step of positions sent and read, in degrees. */
  double resolution() {
    return resolution;
  }

  /** The azimuths the command can carry, in degrees. */
  Range azimuthLimits() {
    return azimuth;
  }

  /** The elevations the command can carry, in degrees. */
  Range elevationLimits() {
    return elevation;
  }

  /** Whether the controller may refuse a command with {@link #REFUSAL}. */
  boolean refuses() {
    return this != EASYCOMM2;
  }

  /** The command that moves to a position, without its terminator. */
  String move(Position target) {
    if (this == EASYCOMM2) {
      return String.format(Locale.ROOT, "AZ%.1f EL%.1f", target.azimuth(), target.elevation());
    }
    return String.format(Locale.ROOT, "W%03d %03d", Math.round(target.azimuth()),
        Math.round(target.elevation()));
  }

  /** The command that reads the position, without its terminator. */
  String query() {
    return query;
  }

  /** The command that stops both axes, without its terminator. */
  String stop() {
    return stop;
  }

  /** The position in an answer line, or empty when the line is not a position answer. */
  Optional<Position> position(String line) {
    Matcher matcher = answer.matcher(line.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Position(Double.parseDouble(matcher.group(1)),
        Double.parseDouble(matcher.group(2))));
  }

  /** The answer to the position query, as messages describe it: {@code AZ=aaa  EL=eee}. */
  String answerForm() {
    return answerForm;
  }

  @Override
  public String toString() {
    return id;
  }
}
