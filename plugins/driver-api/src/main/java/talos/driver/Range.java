package talos.driver;

/** A closed interval {@code [min, max]}. */
public record Range(double min, double max) {

  public Range {
    if (!(min <= max)) {
      throw new IllegalArgumentException("range [" + min + ", " + max + "] has min above max");
    }
  }

  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  @Override
  public String toString() {
    return "[" + format(min) + ", " + format(max) + "]";
  }

  private static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
