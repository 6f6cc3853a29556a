package talos.driver;

/**
 * One configuration option a driver takes.
 *
 * @param defaultValue the value used when none is configured, or {@code null} when the option is
 *     required or simply optional
 * @param secret whether the value must never be logged or reported (a password, a key)
 */
public record OptionSpec(String name, Type type, String defaultValue, boolean required,
                         boolean secret, String description) {

  /** The kinds of value an option holds. */
  public enum Type {
    STRING, INTEGER, DECIMAL, BOOLEAN, DURATION
  }

  /** An option with a default. */
  public static OptionSpec of(String name, Type type, String defaultValue, String description) {
    return new OptionSpec(name, type, defaultValue, false, false, description);
  }

  /** An option that must be configured. */
  public static OptionSpec required(String name, Type type, String description) {
    return new OptionSpec(name, type, null, true, false, description);
  }

  /** A secret option: never logged, shown as {@code ***}. */
  public static OptionSpec secret(String name, String description) {
    return new OptionSpec(name, Type.STRING, null, false, true, description);
  }
}
