package talos.core.catalog;

import java.util.Objects;

/**
 * Why an entry was rejected: where, what text, and a reason that names the field, the value found
 * and what is allowed.
 *
 * @param source whether the problem is in TLE text or OMM JSON
 * @param position for TLE text, the 1-based number of the line the problem is on; for OMM JSON,
 *     the 0-based index of the entry in the array, or -1 when the problem is the whole document
 * @param field the field concerned: a TLE field such as {@code "checksum"} or {@code "epoch"}, or
 *     an OMM key such as {@code "MEAN_MOTION"}
 * @param text the offending text (a whole TLE line, or an OMM value), shortened to
 *     {@value #TEXT_LIMIT} characters; empty when there is none
 * @param reason what is wrong, led by the columns and field for TLE text, e.g.
 *     {@code "columns 9-16 (inclination): '190.0000' is out of range; allowed: 0 to 180 degrees"},
 *     or by the key for OMM, e.g. {@code "MEAN_MOTION: 'fast' is not a number; allowed: ..."}
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

  /**
   * Builds a problem, shortening {@code text} to {@value #TEXT_LIMIT} characters; a {@code null}
   * text becomes empty.
   *
   * @throws NullPointerException if {@code source}, {@code field} or {@code reason} is {@code null}
   */
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
   * Returns the problem as one sentence for an operator: the reason after {@code "line N: "} for
   * TLE text, {@code "index N: "} for an OMM entry or {@code "document: "} for a whole document.
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
