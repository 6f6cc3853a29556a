package talos.core.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed-column TLE format: the checksum, the two-digit-year epoch and designator, the
 * implied-decimal numbers, and the writing of canonical lines from element values.
 */
final class TleFormat {

  /** The length of a TLE line, checksum included. */
  static final int LINE_LENGTH = 69;
  /** The first year a two-digit TLE year stands for; years below 57 are 20YY. */
  static final int FIRST_YEAR = 1957;
  /** The last year a two-digit TLE year stands for. */
  static final int LAST_YEAR = 2056;
  /** The largest magnitude of the first mean motion derivative field ({@code .99999999}). */
  static final double MAX_MEAN_MOTION_DOT = 0.99999999;
  /** The largest magnitude of an implied-decimal field ({@code 99999+9}, that is 0.99999e9). */
  static final double MAX_IMPLIED_DECIMAL = 0.99999e9;
  /** The largest mean motion the field holds, in revolutions per day ({@code 99.99999999}). */
  static final double MAX_MEAN_MOTION = 99.99999999;

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;
  /** A TLE epoch has eight decimals of a day: 10^-8 day is 864 microseconds. */
  private static final long NANOS_PER_EPOCH_UNIT = NANOS_PER_DAY / 100_000_000L;
  private static final long EPOCH_UNITS_PER_DAY = 100_000_000L;
  private static final int MANTISSA_DIGITS = 5;
  private static final int MIN_EXPONENT = -9;
  private static final int MAX_EXPONENT = 9;
  private static final Pattern COSPAR = Pattern.compile("(\\d{4})-(\\d{3})([A-Z]{1,3})");
  private static final Pattern TLE_DESIGNATOR = Pattern.compile("(\\d{2})(\\d{3})([A-Z]{1,3}) *");

  private TleFormat() {
  }

  /**
   * Returns the checksum of the first 68 characters of {@code line}: digits add their value, each
   * {@code '-'} adds 1, everything else 0; the sum modulo 10.
   */
  static int checksum(CharSequence line) {
    int sum = 0;
    int end = Math.min(line.length(), LINE_LENGTH - 1);
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (c >= '0' && c <= '9') {
        sum += c - '0';
      } else if (c == '-') {
        sum += 1;
      }
    }
    return sum % 10;
  }

  /** Returns the year a two-digit TLE year stands for: 57-99 are 1957-1999, 00-56 are 2000-2056. */
  static int fullYear(int twoDigitYear) {
    return twoDigitYear < FIRST_YEAR % 100 ? 2000 + twoDigitYear : 1900 + twoDigitYear;
  }

  /** Returns the number of days in {@code year}, 365 or 366. */
  static int daysIn(int year) {
    return Year.of(year).length();
  }

  /**
   * Returns the instant of a day of year, where day 1.0 is 1 January 00:00 UTC.
   *
   * @param dayOfYear at least 1 and below {@code daysIn(year) + 1}
   */
  static Instant epoch(int year, BigDecimal dayOfYear) {
    long nanos = dayOfYear.subtract(BigDecimal.ONE)
        .multiply(BigDecimal.valueOf(NANOS_PER_DAY))
        .setScale(0, RoundingMode.HALF_EVEN)
        .longValueExact();
    return startOf(year).plusNanos(nanos);
  }

  /**
   * Returns the 14-character epoch field {@code YYDDD.DDDDDDDD} for {@code epoch}, rounded to the
   * nearest 10^-8 day, or {@code null} when the epoch falls outside {@value #FIRST_YEAR} to
   * {@value #LAST_YEAR}.
   */
  static String epochField(Instant epoch) {
    int year = epoch.atOffset(ZoneOffset.UTC).getYear();
    long nanos = Duration.between(startOf(year), epoch).toNanos();
    long units = (nanos + NANOS_PER_EPOCH_UNIT / 2) / NANOS_PER_EPOCH_UNIT;
    long unitsInYear = daysIn(year) * EPOCH_UNITS_PER_DAY;
    if (units >= unitsInYear) {
      year++;
      units -= unitsInYear;
    }
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      return null;
    }
    long day = 1 + units / EPOCH_UNITS_PER_DAY;
    long fraction = units % EPOCH_UNITS_PER_DAY;
    return String.format(Locale.ROOT, "%02d%03d.%08d", year % 100, day, fraction);
  }

  /**
   * Returns the COSPAR designator such as {@code "1998-067A"} for the 8-column TLE field such as
   * {@code "98067A  "}, {@code null} for a blank field, or throws.
   *
   * @throws IllegalArgumentException with what is allowed, if the field is neither blank nor a
   *     designator
   */
  static String designatorFromTle(String field) {
    if (field.isBlank()) {
      return null;
    }
    Matcher matcher = TLE_DESIGNATOR.matcher(field);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + field + "' is not an international designator;"
          + " allowed: blank, or a two-digit year, a three-digit launch number and a piece of"
          + " one to three letters, e.g. '98067A  '");
    }
    int year = fullYear(Integer.parseInt(matcher.group(1)));
    return year + "-" + matcher.group(2) + matcher.group(3);
  }

  /** Returns whether {@code designator} is a COSPAR designator a TLE line can hold. */
  static boolean isWritableDesignator(String designator) {
    Matcher matcher = COSPAR.matcher(designator);
    if (!matcher.matches()) {
      return false;
    }
    int year = Integer.parseInt(matcher.group(1));
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }

  /**
   * Returns the value of an implied-decimal field such as {@code " 58848-3"} (0.58848e-3) or
   * {@code "-11606-4"}, or {@code null} if the field is not a sign or space, five digits, a sign
   * and an exponent digit.
   */
  static Double impliedDecimal(String field) {
    if (field.length() != 8
        || " +-".indexOf(field.charAt(0)) < 0
        || !isDigits(field, 1, 6)
        || "+-".indexOf(field.charAt(6)) < 0
        || !isDigits(field, 7, 8)) {
      return null;
    }
    String sign = field.charAt(0) == '-' ? "-" : "";
    return Double.parseDouble(sign + "0." + field.substring(1, 6) + "e" + field.substring(6));
  }

  /**
   * Returns the 8-column implied-decimal field for {@code value}, rounded to five significant
   * digits; magnitudes below the field's resolution of 10^-14 are written as zero.
   *
   * @throws IllegalArgumentException if the magnitude exceeds {@value #MAX_IMPLIED_DECIMAL}
   */
  static String impliedDecimalField(double value) {
    BigDecimal magnitude = BigDecimal.valueOf(Math.abs(value))
        .round(new MathContext(MANTISSA_DIGITS, RoundingMode.HALF_UP));
    int exponent = magnitude.precision() - magnitude.scale();
    if (exponent > MAX_EXPONENT) {
      throw new IllegalArgumentException(value + " exceeds " + MAX_IMPLIED_DECIMAL);
    }
    if (exponent < MIN_EXPONENT) {
      exponent = MIN_EXPONENT;
    }
    int mantissa = magnitude.scaleByPowerOfTen(MANTISSA_DIGITS - exponent)
        .setScale(0, RoundingMode.HALF_UP)
        .intValueExact();
    if (mantissa == 0) {
      return " 00000+0";
    }
    char sign = value < 0 ? '-' : ' ';
    char exponentSign = exponent < 0 ? '-' : '+';
    return String.format(Locale.ROOT, "%c%05d%c%d",
        sign, mantissa, exponentSign, Math.abs(exponent));
  }

  /**
   * Returns canonical line 1 and line 2 for the values of {@code set}, with checksums, or
   * {@code null} when its catalogue number exceeds {@value Alpha5#MAX_ID} or its epoch falls
   * outside {@value #FIRST_YEAR} to {@value #LAST_YEAR}. Values are rounded to the precision of
   * their columns; the element set number is written modulo 10000 and the revolution number
   * modulo 100000.
   *
   * @throws IllegalArgumentException if a value exceeds what its column holds (see the limits on
   *     {@link ElementSet})
   */
  static String[] write(ElementSet set) {
    String epoch = epochField(set.epoch());
    if (!Alpha5.fits(set.noradId()) || epoch == null) {
      return null;
    }
    String number = Alpha5.encode(set.noradId());
    String line1 = String.format(Locale.ROOT, "1 %s%c %s %s %s %s %s %d %4d",
        number,
        set.classification(),
        designatorField(set.internationalDesignator()),
        epoch,
        meanMotionDotField(set.meanMotionDot()),
        impliedDecimalField(set.meanMotionDdot()),
        impliedDecimalField(set.bstar()),
        set.ephemerisType(),
        set.elementSetNumber() % 10_000);
    String line2 = String.format(Locale.ROOT, "2 %s %8.4f %8.4f %s %8.4f %8.4f %11.8f%5d",
        number,
        set.inclination(),
        set.raan(),
        eccentricityField(set.eccentricity()),
        set.argumentOfPerigee(),
        set.meanAnomaly(),
        set.meanMotion(),
        set.revolutionNumber() % 100_000);
    return new String[] {withChecksum(line1), withChecksum(line2)};
  }

  private static String withChecksum(String line) {
    if (line.length() != LINE_LENGTH - 1) {
      throw new IllegalArgumentException("a value does not fit its columns: '" + line + "'");
    }
    return line + checksum(line);
  }

  private static String designatorField(String designator) {
    if (designator == null) {
      return " ".repeat(8);
    }
    Matcher matcher = COSPAR.matcher(designator);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + designator + "' is not a COSPAR designator");
    }
    String field = matcher.group(1).substring(2) + matcher.group(2) + matcher.group(3);
    return String.format(Locale.ROOT, "%-8s", field);
  }

  private static String meanMotionDotField(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(8, RoundingMode.HALF_UP);
    if (rounded.abs().compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(value + " exceeds " + MAX_MEAN_MOTION_DOT);
    }
    String digits = rounded.abs().toPlainString().substring(1);
    return (rounded.signum() < 0 ? "-" : " ") + digits;
  }

  private static String eccentricityField(double eccentricity) {
    long digits = Math.min(Math.round(eccentricity * 1e7), 9_999_999L);
    return String.format(Locale.ROOT, "%07d", digits);
  }

  private static Instant startOf(int year) {
    return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static boolean isDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
