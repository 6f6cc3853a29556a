package talos.core.catalog;

import java.util.Locale;

/**
 * The five-character satellite number of a TLE line. Numbers up to 99999 are five digits; numbers
 * from 100000 to 339999 use the Alpha-5 scheme, where the first character is a letter standing
 * for two digits: A=10 to H=17, J=18 to N=22, P=23 to Z=33 (I and O are skipped, being too like
 * 1 and 0).
 * For example {@code A0000} is 100000, {@code E8493} is 148493 and {@code Z9999} is 339999.
 */
public final class Alpha5 {

  /** The largest catalogue number a TLE line can hold. */
  public static final int MAX_ID = 339_999;

  private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final int FIRST_LETTER_VALUE = 10;
  private static final String ALLOWED =
      "five digits, or a letter A-Z other than I and O followed by four digits";

  private Alpha5() {
  }

  /**
   * Returns the catalogue number written in a five-character satellite number field.
   *
   * @throws IllegalArgumentException with a reason naming the value and what is allowed, if
   *     {@code field} is not five digits or an Alpha-5 number
   */
  public static int decode(String field) {
    if (field.length() != 5 || !isDigits(field.substring(1))) {
      throw new IllegalArgumentException(notANumber(field));
    }
    char first = field.charAt(0);
    int rest = Integer.parseInt(field.substring(1));
    if (first >= '0' && first <= '9') {
      return (first - '0') * 10_000 + rest;
    }
    int letter = LETTERS.indexOf(first);
    if (letter < 0) {
      String why = first == 'I' || first == 'O'
          ? "; Alpha-5 skips I and O"
          : "";
      throw new IllegalArgumentException(notANumber(field) + why);
    }
    return (FIRST_LETTER_VALUE + letter) * 10_000 + rest;
  }

  /**
   * Returns the five-character field for a catalogue number: zero-padded digits up to 99999,
   * Alpha-5 from 100000 to {@value #MAX_ID}.
   *
   * @throws IllegalArgumentException if {@code noradId} is negative or above {@value #MAX_ID}
   */
  public static String encode(int noradId) {
    if (!fits(noradId)) {
      throw new IllegalArgumentException(
          "catalogue number " + noradId + " does not fit a TLE line; allowed: 0 to " + MAX_ID);
    }
    int lead = noradId / 10_000;
    int rest = noradId % 10_000;
    char first = lead < FIRST_LETTER_VALUE
        ? (char) ('0' + lead)
        : LETTERS.charAt(lead - FIRST_LETTER_VALUE);
    return first + String.format(Locale.ROOT, "%04d", rest);
  }

  /** Returns whether {@code noradId} can be written in a TLE line: 0 to {@value #MAX_ID}. */
  public static boolean fits(int noradId) {
    return noradId >= 0 && noradId <= MAX_ID;
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String notANumber(String field) {
    return "'" + field + "' is not a catalogue number; allowed: " + ALLOWED;
  }
}
