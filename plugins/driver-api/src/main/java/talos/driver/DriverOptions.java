package talos.driver;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A driver's configured options, checked against its {@link OptionSpec}s: unknown names, missing
 * required options and values of the wrong type are refused with a {@link FailureCode#CONFIGURATION}
 * failure naming the option. {@link #toString()} hides secrets.
 */
public final class DriverOptions {

  private final Map<String, String> values;
  private final List<OptionSpec> specs;

  private DriverOptions(Map<String, String> values, List<OptionSpec> specs) {
    this.values = values;
    this.specs = specs;
  }

  /**
   * Checks configured values against a driver's option specs and fills in defaults.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} naming the first bad option
   */
  public static DriverOptions of(DriverDescriptor descriptor, Map<String, String> configured) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : configured.keySet()) {
      if (descriptor.option(name) == null) {
        throw new DriverException(FailureCode.CONFIGURATION, "driver " + descriptor.name()
            + " has no option '" + name + "'; it takes " + names(descriptor.options()));
      }
    }
    for (OptionSpec spec : descriptor.options()) {
      String value = configured.getOrDefault(spec.name(), spec.defaultValue());
      if (value == null) {
        if (spec.required()) {
          throw new DriverException(FailureCode.CONFIGURATION, "driver " + descriptor.name()
              + " needs option '" + spec.name() + "': " + spec.description());
        }
        continue;
      }
      check(descriptor.name(), spec, value);
      values.put(spec.name(), value);
    }
    return new DriverOptions(values, descriptor.options());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String string(String name) {
    return values.get(name);
  }

  public long integer(String name) {
    return Long.parseLong(require(name));
  }

  public double decimal(String name) {
    return Double.parseDouble(require(name));
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(require(name));
  }

  public Duration duration(String name) {
    return parseDuration(require(name));
  }

  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    for (OptionSpec spec : specs) {
      if (values.containsKey(spec.name())) {
        joiner.add(spec.name() + "=" + (spec.secret() ? "***" : values.get(spec.name())));
      }
    }
    return joiner.toString();
  }

  private String require(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new DriverException(FailureCode.CONFIGURATION, "option '" + name + "' is not set");
    }
    return value;
  }

  private static void check(String driver, OptionSpec spec, String value) {
    try {
      switch (spec.type()) {
        case INTEGER -> Long.parseLong(value);
        case DECIMAL -> {
          if (!Double.isFinite(Double.parseDouble(value))) {
            throw new NumberFormatException();
          }
        }
        case BOOLEAN -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw new NumberFormatException();
          }
        }
        case DURATION -> parseDuration(value);
        case STRING -> {
        }
        default -> throw new IllegalStateException(spec.type().name());
      }
    } catch (RuntimeException e) {
      String shown = spec.secret() ? "***" : "'" + value + "'";
      throw new DriverException(FailureCode.CONFIGURATION, "driver " + driver + " option '"
          + spec.name() + "' is " + shown + "; it must be " + describe(spec.type()));
    }
  }

  /**
   * Reads {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or an ISO-8601 duration such as
   * {@code PT5S}, as {@link OptionSpec.Type#DURATION} options are written; for a driver that reads
   * a duration from a {@link OptionSpec.Type#STRING} option that also takes words such as
   * {@code off}.
   *
   * @throws RuntimeException when the text is none of these
   */
  public static Duration parseDuration(String text) {
    String value = text.trim();
    if (value.startsWith("P") || value.startsWith("p")) {
      return Duration.parse(value);
    }
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("unknown unit in " + text);
    };
  }

  private static String describe(OptionSpec.Type type) {
    return switch (type) {
      case INTEGER -> "a whole number";
      case DECIMAL -> "a number";
      case BOOLEAN -> "true or false";
      case DURATION -> "a duration such as 250ms, 5s or 2m";
      case STRING -> "a text";
    };
  }

  private static String names(List<OptionSpec> specs) {
    StringJoiner joiner = new StringJoiner(", ");
    specs.forEach(spec -> joiner.add(spec.name()));
    return specs.isEmpty() ? "no options" : joiner.toString();
  }
}
