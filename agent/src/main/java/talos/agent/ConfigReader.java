package talos.agent;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed fields from the agent's JSON configuration and collects every problem instead of
 * stopping at the first, so an operator sees all of them at once.
 */
final class ConfigReader {

  private final List<String> problems = new ArrayList<>();

  List<String> problems() {
    return problems;
  }

  void problem(String path, Object value, String allowed) {
    if (value == null) {
      problems.add(path + " is missing; allowed: " + allowed);
    } else {
      problems.add(path + ": " + describe(value) + " is not allowed; allowed: " + allowed);
    }
  }

  /** Reports every field of {@code json} that is not one of {@code known}. */
  void onlyKnown(JsonObject json, String path, Set<String> known) {
    for (String field : json.fieldNames()) {
      if (!known.contains(field)) {
        problems.add(join(path, field) + ": unknown field; allowed fields: "
            + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** The object at a field, an empty one when absent, or {@code null} (a problem) otherwise. */
  JsonObject object(JsonObject json, String field, String path) {
    Object value = json.getValue(field);
    if (value == null) {
      return new JsonObject();
    }
    if (value instanceof JsonObject object) {
      return object;
    }
    problem(join(path, field), value, "a JSON object");
    return null;
  }

  String text(JsonObject json, String field, String path, String fallback, String allowed) {
    Object value = json.getValue(field);
    if (value == null) {
      if (fallback == null) {
        problem(join(path, field), null, allowed);
      }
      return fallback;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      problem(join(path, field), value, allowed);
      return fallback;
    }
    return text.trim();
  }

  /** A number within {@code [min, max]}; {@code fallback} when absent, or required when null. */
  Double number(JsonObject json, String field, String path, Double fallback, double min,
                double max) {
    Object value = json.getValue(field);
    String allowed = "a number from " + plain(min) + " to " + plain(max);
    if (value == null) {
      if (fallback == null) {
        problem(join(path, field), null, allowed);
      }
      return fallback;
    }
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())
        || number.doubleValue() < min || number.doubleValue() > max) {
      problem(join(path, field), value, allowed);
      return fallback;
    }
    return number.doubleValue();
  }

  /** An optional whole number within {@code [min, max]}, or {@code null}. */
  Long whole(JsonObject json, String field, String path, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.doubleValue() < min || number.doubleValue() > max) {
      problem(join(path, field), value, "a whole number from " + min + " to " + max);
      return null;
    }
    return number.longValue();
  }

  /** A duration within {@code [min, max]}; {@code fallback} when absent, {@code null} when bad. */
  Duration duration(JsonObject json, String field, String path, Duration fallback, Duration min,
                    Duration max) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    Optional<Duration> duration = value instanceof String text ? Durations.read(text)
        : Optional.empty();
    if (duration.isPresent() && duration.get().compareTo(min) >= 0
        && duration.get().compareTo(max) <= 0) {
      return duration.get();
    }
    problem(join(path, field), value, Durations.ALLOWED + ", from " + Durations.format(min)
        + " to " + Durations.format(max));
    return null;
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String plain(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static String describe(Object value) {
    String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
