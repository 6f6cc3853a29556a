package talos.core.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the fixed columns of one TLE line, adding a problem for each column that breaks the format.
 * Columns are 1-based and inclusive, as in the published format description.
 */
final class TleLineReader {

  private static final int[] LINE1_SPACES = {2, 9, 18, 33, 44, 53, 62, 64};
  private static final int[] LINE2_SPACES = {2, 8, 17, 26, 34, 43, 52};
  private static final Pattern DECIMAL = Pattern.compile(" *[+-]?(\\d+\\.?\\d*|\\.\\d+)");
  private static final Pattern EPOCH = Pattern.compile("\\d{5}\\.\\d{8}");
  private static final Pattern MEAN_MOTION_DOT = Pattern.compile("[ +-]\\.\\d{8}");
  private static final Pattern ECCENTRICITY = Pattern.compile("\\d{7}");
  private static final Pattern WHOLE_NUMBER = Pattern.compile(" *\\d+");
  private static final String DEGREES_0_TO_360 = "0 to 360 degrees";

  private final NumberedLine line;
  private final char lineNumber;
  private final List<ParseProblem> problems;

  private TleLineReader(NumberedLine line, char lineNumber, List<ParseProblem> problems) {
    this.line = line;
    this.lineNumber = lineNumber;
    this.problems = problems;
  }

  /**
   * Checks line 1 on its own (its length, line number, spacing and checksum), adding its problems
   * to {@code problems}.
   */
  static void checkLineOne(NumberedLine first, List<ParseProblem> problems) {
    new TleLineReader(first, '1', problems).checkLayout();
  }

  /**
   * Reads an element set from line 1 and line 2, adding every problem found to {@code problems}.
   * The layout of both lines is always checked; their fields only when both have the right length.
   *
   * @return the element set, or {@code null} if a problem was found in either line
   */
  static ElementSet read(String name, NumberedLine first, NumberedLine second,
                         List<ParseProblem> problems) {
    int problemsBefore = problems.size();
    TleLineReader one = new TleLineReader(first, '1', problems);
    TleLineReader two = new TleLineReader(second, '2', problems);
    boolean firstReadable = one.checkLayout();
    boolean secondReadable = two.checkLayout();
    if (!firstReadable || !secondReadable) {
      return null;
    }
    int noradId = one.catalogueNumber();
    int secondNoradId = two.catalogueNumber();
    if (noradId >= 0 && secondNoradId >= 0 && noradId != secondNoradId) {
      two.problem(3, 7, "satellite number", "'" + two.columns(3, 7) + "' differs from line 1's '"
          + one.columns(3, 7) + "'; both lines carry the same number");
    }
    char classification = one.classification();
    String designator = one.designator();
    Instant epoch = one.epoch();
    double meanMotionDot = one.meanMotionDot();
    double meanMotionDdot = one.impliedDecimal(45, 52, "mean motion second derivative");
    double bstar = one.impliedDecimal(54, 61, "B* drag term");
    int ephemerisType = one.digit(63, "ephemeris type");
    int elementSetNumber = one.wholeNumber(65, 68, "element set number");

    double inclination = two.angle(9, 16, "inclination", 180, "0 to 180 degrees");
    double raan = two.angle(18, 25, "right ascension of the ascending node", 360, DEGREES_0_TO_360);
    double eccentricity = two.eccentricity();
    double argumentOfPerigee = two.angle(35, 42, "argument of perigee", 360, DEGREES_0_TO_360);
    double meanAnomaly = two.angle(44, 51, "mean anomaly", 360, DEGREES_0_TO_360);
    double meanMotion = two.decimal(53, 63, "mean motion");
    two.checkRange(meanMotion, meanMotion > 0, 53, 63, "mean motion",
        "more than 0 revolutions per day");
    int revolutionNumber = two.wholeNumber(64, 68, "revolution number");

    if (problems.size() > problemsBefore) {
      return null;
    }
    return new ElementSet(noradId, name, designator, epoch, meanMotion, eccentricity, inclination,
        raan, argumentOfPerigee, meanAnomaly, bstar, meanMotionDot, meanMotionDdot, ephemerisType,
        elementSetNumber, revolutionNumber, classification, first.text(), second.text());
  }

  /**
   * Checks the length, the line number in column 1, the separating spaces and the checksum.
   *
   * @return whether the line has the right length, so that its columns can be read
   */
  private boolean checkLayout() {
    String text = line.text();
    if (text.length() != TleFormat.LINE_LENGTH) {
      problems.add(ParseProblem.onLine(line.number(), "length", text, text.length() + " characters;"
          + " a TLE line has " + TleFormat.LINE_LENGTH + " (trailing whitespace ignored)"));
      return false;
    }
    if (text.charAt(0) != lineNumber) {
      problem(1, 1, "line number", "is '" + text.charAt(0) + "' where line " + lineNumber
          + " must start with '" + lineNumber + "'");
    }
    for (int column : lineNumber == '1' ? LINE1_SPACES : LINE2_SPACES) {
      char c = text.charAt(column - 1);
      if (c != ' ') {
        problem(column, column, "layout", "is '" + c + "' where a space must separate the fields");
      }
    }
    char checksum = text.charAt(TleFormat.LINE_LENGTH - 1);
    int sum = TleFormat.checksum(text);
    if (checksum < '0' || checksum > '9') {
      problem(69, 69, "checksum", "'" + checksum + "' is not a digit; allowed: the digit " + sum);
    } else if (checksum - '0' != sum) {
      problem(69, 69, "checksum", "is " + checksum + " but columns 1-68 sum to " + sum
          + " modulo 10 (digits count their value, '-' counts 1)");
    }
    return true;
  }

  /** Returns the catalogue number in columns 3-7, or -1 after adding a problem. */
  private int catalogueNumber() {
    try {
      return Alpha5.decode(columns(3, 7));
    } catch (IllegalArgumentException e) {
      problem(3, 7, "satellite number", e.getMessage());
      return -1;
    }
  }

  private char classification() {
    char classification = line.text().charAt(7);
    if ("UCS".indexOf(classification) < 0) {
      problem(8, 8, "classification", "'" + classification + "' is not a classification;"
          + " allowed: U (unclassified), C (classified) or S (secret)");
    }
    return classification;
  }

  private String designator() {
    try {
      return TleFormat.designatorFromTle(columns(10, 17));
    } catch (IllegalArgumentException e) {
      problem(10, 17, "international designator", e.getMessage());
      return null;
    }
  }

  private Instant epoch() {
    String field = columns(19, 32);
    if (!EPOCH.matcher(field).matches()) {
      problem(19, 32, "epoch", "'" + field + "' is not a number; allowed: a two-digit year and a"
          + " day of year with eight decimals, YYDDD.DDDDDDDD, e.g. '26078.25058051'");
      return null;
    }
    int year = TleFormat.fullYear(Integer.parseInt(field.substring(0, 2)));
    BigDecimal day = new BigDecimal(field.substring(2));
    BigDecimal dayAfterYear = BigDecimal.valueOf(TleFormat.daysIn(year) + 1L);
    if (day.compareTo(BigDecimal.ONE) < 0 || day.compareTo(dayAfterYear) >= 0) {
      problem(19, 32, "epoch", "'" + field + "' has day of year " + day
          + "; allowed: at least 1 and below " + dayAfterYear + " in " + year);
      return null;
    }
    return TleFormat.epoch(year, day);
  }

  private double meanMotionDot() {
    String field = columns(34, 43);
    if (!MEAN_MOTION_DOT.matcher(field).matches()) {
      problem(34, 43, "mean motion first derivative", "'" + field + "' is not a number; allowed: a"
          + " sign or space, a point and eight digits, e.g. ' .00000586' or '-.00001234'");
      return Double.NaN;
    }
    return Double.parseDouble(field.strip());
  }

  private double impliedDecimal(int from, int to, String field) {
    Double value = TleFormat.impliedDecimal(columns(from, to));
    if (value == null) {
      problem(from, to, field, "'" + columns(from, to) + "' is not a number; allowed: a sign or"
          + " space, five digits, a sign and an exponent digit, e.g. ' 58848-3' for 0.58848e-3");
      return Double.NaN;
    }
    return value;
  }

  private int digit(int column, String field) {
    char c = line.text().charAt(column - 1);
    if (c < '0' || c > '9') {
      problem(column, column, field, "'" + c + "' is not a digit; allowed: 0 to 9");
      return -1;
    }
    return c - '0';
  }

  private int wholeNumber(int from, int to, String field) {
    String text = columns(from, to);
    if (!WHOLE_NUMBER.matcher(text).matches()) {
      problem(from, to, field, "'" + text + "' is not a whole number;"
          + " allowed: digits, right-aligned with leading spaces");
      return -1;
    }
    return Integer.parseInt(text.strip());
  }

  private double eccentricity() {
    String field = columns(27, 33);
    if (!ECCENTRICITY.matcher(field).matches()) {
      problem(27, 33, "eccentricity", "'" + field + "' is not a number; allowed: seven digits after"
          + " an implied decimal point, e.g. '0006229' for 0.0006229");
      return Double.NaN;
    }
    return Double.parseDouble("0." + field);
  }

  private double angle(int from, int to, String field, double max, String allowed) {
    double value = decimal(from, to, field);
    checkRange(value, value >= 0 && value <= max, from, to, field, allowed);
    return value;
  }

  /** Returns the decimal number in the columns, or NaN after adding a problem. */
  private double decimal(int from, int to, String field) {
    String text = columns(from, to);
    if (!DECIMAL.matcher(text).matches()) {
      problem(from, to, field, "'" + text + "' is not a number; allowed: a decimal number,"
          + " right-aligned with leading spaces, e.g. ' 51.6344'");
      return Double.NaN;
    }
    return Double.parseDouble(text.strip());
  }

  /** Adds a range problem when {@code value} was read but is not {@code inRange}. */
  private void checkRange(double value, boolean inRange, int from, int to, String field,
                          String allowed) {
    if (!Double.isNaN(value) && !inRange) {
      problem(from, to, field, "'" + columns(from, to) + "' is out of range; allowed: " + allowed);
    }
  }

  private String columns(int from, int to) {
    return line.text().substring(from - 1, to);
  }

  private void problem(int from, int to, String field, String what) {
    String columns = from == to ? "column " + from : "columns " + from + "-" + to;
    problems.add(ParseProblem.onLine(line.number(), field, line.text(),
        columns + " (" + field + "): " + what));
  }
}
