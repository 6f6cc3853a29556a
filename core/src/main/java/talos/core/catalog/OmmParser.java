package talos.core.catalog;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OMM element sets in the JSON form CelesTrak and Space-Track publish: an array of objects
 * with the keys {@code OBJECT_NAME}, {@code OBJECT_ID}, {@code EPOCH}, {@code MEAN_MOTION},
 * {@code ECCENTRICITY}, {@code INCLINATION}, {@code RA_OF_ASC_NODE}, {@code ARG_OF_PERICENTER},
 * {@code MEAN_ANOMALY}, {@code EPHEMERIS_TYPE}, {@code CLASSIFICATION_TYPE}, {@code NORAD_CAT_ID},
 * {@code ELEMENT_SET_NO}, {@code REV_AT_EPOCH}, {@code BSTAR}, {@code MEAN_MOTION_DOT} and
 * {@code MEAN_MOTION_DDOT}, all required; other keys are ignored.
 *
 * <p>Numbers may be JSON numbers or strings holding a decimal number. {@code OBJECT_ID} may be
 * {@code null} or empty for an unknown designator. Values must fit the columns of a TLE line, so
 * that every accepted set with a catalogue number up to {@value Alpha5#MAX_ID} and an epoch in
 * 1957-2056 also carries canonical TLE lines; see {@link ElementSet} for the ranges.
 */
public final class OmmParser {

  /** The largest NORAD catalogue number OMM carries: nine digits. */
  public static final int MAX_NORAD_ID = 999_999_999;

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
  private static final Pattern EPOCH =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?)Z?");
  private static final String EPOCH_ALLOWED = "ISO-8601 UTC date and time such as"
      + " '2026-03-19T03:06:36.144000', with an optional 'Z' and up to six fractional digits";
  private static final String DEGREES_0_TO_360 = "0 to 360 degrees";
  private static final int QUOTED_LIMIT = 40;
  private static final Pattern DECODE_LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

  private OmmParser() {
  }

  /**
   * Reads every entry of a JSON array; never throws for bad content.
   *
   * @return the element sets read and the entries skipped, each problem placed by array index and
   *     key; if {@code json} is not a JSON array, a single rejected entry whose problem has
   *     position -1
   */
  public static ImportReport parse(String json) {
    JsonArray entries;
    try {
      entries = new JsonArray(json);
    } catch (DecodeException e) {
      String reason = "the text is not a JSON array of OMM objects: " + decodeFailure(e);
      ParseProblem problem = ParseProblem.inEntry(-1, "document", json, reason);
      return new ImportReport(List.of(), List.of(new RejectedEntry(null, List.of(problem))));
    }
    return parse(entries);
  }

  /**
   * Reads every entry of {@code entries}; never throws for bad content.
   *
   * @return the element sets read and the entries skipped, each problem placed by array index and
   *     key
   */
  public static ImportReport parse(JsonArray entries) {
    List<ElementSet> accepted = new ArrayList<>();
    List<RejectedEntry> rejected = new ArrayList<>();
    for (int index = 0; index < entries.size(); index++) {
      Object entry = entries.getValue(index);
      List<ParseProblem> problems = new ArrayList<>();
      if (entry instanceof JsonObject object) {
        ElementSet set = new Entry(index, object, problems).read();
        if (problems.isEmpty()) {
          accepted.add(set);
        } else {
          Object name = object.getValue("OBJECT_NAME");
          rejected.add(new RejectedEntry(name instanceof String text ? text : null, problems));
        }
      } else {
        problems.add(ParseProblem.inEntry(index, "entry", String.valueOf(entry),
            "entry: is not a JSON object; allowed: an object of OMM keys"));
        rejected.add(new RejectedEntry(null, problems));
      }
    }
    return new ImportReport(accepted, rejected);
  }

  /** Returns the decoder's first sentence and, when it gives one, where in the text it stopped. */
  private static String decodeFailure(DecodeException e) {
    String message = e.getMessage() == null ? "unreadable" : e.getMessage();
    String sentence = message.lines().findFirst().orElse("unreadable");
    Matcher location = DECODE_LOCATION.matcher(message);
    return location.find()
        ? sentence + " at line " + location.group(1) + ", column " + location.group(2)
        : sentence;
  }

  /** One OMM object being read; a reading method that fails adds a problem and returns a filler. */
  private static final class Entry {

    private final int index;
    private final JsonObject object;
    private final List<ParseProblem> problems;

    Entry(int index, JsonObject object, List<ParseProblem> problems) {
      this.index = index;
      this.object = object;
      this.problems = problems;
    }

    /** Returns the element set, meaningful only if no problem was added. */
    ElementSet read() {
      String name = name();
      String designator = designator();
      Instant epoch = epoch();
      int noradId = (int) wholeNumber("NORAD_CAT_ID", 1, MAX_NORAD_ID);
      char classification = classification();
      double meanMotion = number("MEAN_MOTION");
      check("MEAN_MOTION", meanMotion, meanMotion > 0 && meanMotion <= TleFormat.MAX_MEAN_MOTION,
          "more than 0 and at most " + TleFormat.MAX_MEAN_MOTION + " revolutions per day");
      double eccentricity = number("ECCENTRICITY");
      check("ECCENTRICITY", eccentricity, eccentricity >= 0 && eccentricity < 1,
          "at least 0 and below 1");
      double inclination = angle("INCLINATION", 180, "0 to 180 degrees");
      double raan = angle("RA_OF_ASC_NODE", 360, DEGREES_0_TO_360);
      double argumentOfPerigee = angle("ARG_OF_PERICENTER", 360, DEGREES_0_TO_360);
      double meanAnomaly = angle("MEAN_ANOMALY", 360, DEGREES_0_TO_360);
      double bstar = bounded("BSTAR", TleFormat.MAX_IMPLIED_DECIMAL);
      double meanMotionDot = bounded("MEAN_MOTION_DOT", TleFormat.MAX_MEAN_MOTION_DOT);
      double meanMotionDdot = bounded("MEAN_MOTION_DDOT", TleFormat.MAX_IMPLIED_DECIMAL);
      int ephemerisType = (int) wholeNumber("EPHEMERIS_TYPE", 0, 9);
      int elementSetNumber = (int) wholeNumber("ELEMENT_SET_NO", 0, Integer.MAX_VALUE);
      int revolutionNumber = (int) wholeNumber("REV_AT_EPOCH", 0, Integer.MAX_VALUE);
      if (!problems.isEmpty()) {
        return null;
      }
      ElementSet values = new ElementSet(noradId, name, designator, epoch, meanMotion, eccentricity,
          inclination, raan, argumentOfPerigee, meanAnomaly, bstar, meanMotionDot, meanMotionDdot,
          ephemerisType, elementSetNumber, revolutionNumber, classification, null, null);
      String[] lines = TleFormat.write(values);
      return lines == null ? values : values.withTleLines(lines[0], lines[1]);
    }

    private String name() {
      Object value = required("OBJECT_NAME");
      if (value == null) {
        return null;
      }
      if (!(value instanceof String text) || text.isBlank()) {
        problem("OBJECT_NAME", value, "is not a name; allowed: a non-empty string");
        return null;
      }
      return text.strip();
    }

    private String designator() {
      if (!object.containsKey("OBJECT_ID")) {
        missing("OBJECT_ID", "allowed: a designator such as '1998-067A', or null");
        return null;
      }
      Object value = object.getValue("OBJECT_ID");
      if (value == null || "".equals(value)) {
        return null;
      }
      if (!(value instanceof String text) || !TleFormat.isWritableDesignator(text)) {
        problem("OBJECT_ID", value, "is not an international designator; allowed:"
            + " a launch year from 1957 to 2056, '-', a three-digit launch number and a piece of"
            + " one to three letters, e.g. '1998-067A', or null or empty when unknown");
        return null;
      }
      return text;
    }

    private Instant epoch() {
      Object value = required("EPOCH");
      if (value == null) {
        return null;
      }
      Matcher matcher = EPOCH.matcher(value instanceof String text ? text : "");
      if (matcher.matches()) {
        try {
          return LocalDateTime.parse(matcher.group(1)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          problem("EPOCH", value, "is not a valid date and time; allowed: " + EPOCH_ALLOWED);
          return null;
        }
      }
      problem("EPOCH", value, "is not a date and time; allowed: " + EPOCH_ALLOWED);
      return null;
    }

    private char classification() {
      Object value = required("CLASSIFICATION_TYPE");
      if (value == null) {
        return '?';
      }
      if (!(value instanceof String text) || !List.of("U", "C", "S").contains(text)) {
        problem("CLASSIFICATION_TYPE", value, "is not a classification; allowed:"
            + " 'U' (unclassified), 'C' (classified) or 'S' (secret)");
        return '?';
      }
      return text.charAt(0);
    }

    private double angle(String key, double max, String allowed) {
      double value = number(key);
      check(key, value, value >= 0 && value <= max, allowed);
      return value;
    }

    private double bounded(String key, double maxMagnitude) {
      double value = number(key);
      check(key, value, Math.abs(value) <= maxMagnitude, "a magnitude of at most "
          + BigDecimal.valueOf(maxMagnitude).toPlainString() + ", the most a TLE column holds");
      return value;
    }

    /** Returns the whole number under {@code key}, or -1 after adding a problem. */
    private long wholeNumber(String key, long min, long max) {
      BigDecimal value = decimal(key);
      if (value == null) {
        return -1;
      }
      if (value.stripTrailingZeros().scale() > 0) {
        problem(key, object.getValue(key), "is not a whole number");
        return -1;
      }
      boolean inRange = value.compareTo(BigDecimal.valueOf(min)) >= 0
          && value.compareTo(BigDecimal.valueOf(max)) <= 0;
      if (!inRange) {
        problem(key, object.getValue(key), "is out of range; allowed: " + min + " to " + max);
        return -1;
      }
      return value.longValueExact();
    }

    /** Returns the number under {@code key}, or NaN after adding a problem. */
    private double number(String key) {
      BigDecimal value = decimal(key);
      return value == null ? Double.NaN : value.doubleValue();
    }

    private BigDecimal decimal(String key) {
      Object value = required(key);
      if (value == null) {
        return null;
      }
      boolean numberOrString = value instanceof Number || value instanceof String;
      String text = numberOrString ? value.toString().strip() : "";
      if (!NUMBER.matcher(text).matches()) {
        problem(key, value, "is not a number; allowed: a JSON number or a string holding one,"
            + " e.g. 15.4837 or \"1.2e-5\"");
        return null;
      }
      return new BigDecimal(text);
    }

    /** Adds a range problem when {@code value} was read but is not {@code inRange}. */
    private void check(String key, double value, boolean inRange, String allowed) {
      if (!Double.isNaN(value) && !inRange) {
        Object raw = object.getValue(key);
        problem(key, raw, "is out of range; allowed: " + allowed);
      }
    }

    /** Returns the value under {@code key}, or {@code null} after adding a problem if absent. */
    private Object required(String key) {
      Object value = object.getValue(key);
      if (value == null) {
        missing(key, "every entry needs " + key);
      }
      return value;
    }

    /** Adds a problem whose reason quotes {@code value}, shortened, before {@code what}. */
    private void problem(String key, Object value, String what) {
      String text = String.valueOf(value);
      String shown = text.length() <= QUOTED_LIMIT ? text : text.substring(0, QUOTED_LIMIT) + "...";
      problems.add(ParseProblem.inEntry(index, key, text, key + ": '" + shown + "' " + what));
    }

    private void missing(String key, String what) {
      problems.add(ParseProblem.inEntry(index, key, "", key + ": missing; " + what));
    }
  }
}
