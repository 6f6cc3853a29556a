package talos.core.catalog;

import java.util.Objects;

/**
 * Why an entry was rejected: where, what text, and a reason that names the field, the value found
 * and what is allowed.
 *
 * @param source whether the problem is in TLE text or OMM JSON
 * @param position for TLE text, the 1-based number of the line the problem is on; for OMM JSON,
 *     the 0-based index of the entry in the array, or -1 when the problem is the whole document
 * @param field the field concerned: a TLE field such as {@code "checksum"} or {@code "epoch"}, or an
 *     OMM key such as {@code "MEAN_MOTION"}
 * @param text the offending text (a whole TLE line, or an OMM value), shortened to
 *     {@value #TEXT_LIMIT} characters; empty when there is none
 * @param reason for TLE text, the columns and the field followed by what is wrong, e.g.
 *     {@code "column 69 (checksum): is 7 but columns 1-68 sum to 3"}; for OMM, the key followed by
 *     what is wrong, e.g. {@code "MEAN_MOTION: 'fast' is not a number"}
 */
public record ParseProblem(Source source, int position, String field, String text, String reason) {

  /** The longest {@link #text} kept; longer text is cut and ends in "...". */
  public static final int TEXT_LIMIT = 80;

  /** Where the problem was found. */
  public enum Source {
    /** A line of TLE or 3LE text. */
    TLE,
    /** An entry of an OMM JSON array. */
    OMM
  }

  /** Builds a problem, shortening {@code text} to {@value #TEXT_LIMIT} characters. */
  public ParseProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    text = shorten(text == null ? "" : text);
  }

  static ParseProblem onLine(int line, String field, String text, String reason) {
    return new ParseProblem(Source.TLE, line, field, text, reason);
  }

  static ParseProblem inEntry(int index, String field, String text, String reason) {
    return new ParseProblem(Source.OMM, index, field, text, reason);
  }

  /**
   * Returns the problem as one sentence for an operator, such as {@code "line 183: column 69
   * (checksum): is 7 but columns 1-68 sum to 3"} or {@code "index 4: MEAN_MOTION: 'fast' is not a
   * number"}.
   */
  public String describe() {
    String where = switch (source) {
      case TLE -> "line " + position;
      case OMM -> position < 0 ? "document" : "index " + position;
    };
    return where + ": " + reason;
  }

  private static String shorten(String text) {
    return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT - 3) + "...";
  }
}
