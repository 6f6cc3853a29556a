package talos.core.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads settings from merged configuration: an environment variable of the setting's name wins over
 * the value at the setting's path in the configuration file. Every problem is collected rather
 * than thrown, so an operator sees all of them at once.
 */
final class SettingReader {

  private final JsonObject merged;
  private final List<String> problems = new ArrayList<>();

  SettingReader(JsonObject merged) {
    this.merged = merged;
  }

  List<String> problems() {
    return problems;
  }

  void problem(Setting setting, String detail) {
    problems.add(setting.env() + " (" + setting.path() + "): " + detail);
  }

  /** The raw value as the operator wrote it, or {@code null} when the setting is absent or blank. */
  Object raw(Setting setting) {
    Object value = merged.getValue(setting.env());
    if (value == null) {
      value = atPath(setting.path());
    }
    if (value instanceof String && ((String) value).isBlank()) {
      return null;
    }
    return value;
  }

  String text(Setting setting) {
    Object value = raw(setting);
    if (value == null) {
      problem(setting, "is missing; " + setting.description());
      return "";
    }
    return value.toString().trim();
  }

  String optionalText(Setting setting) {
    Object value = raw(setting);
    return value == null ? null : value.toString().trim();
  }

  int integer(Setting setting) {
    Object value = raw(setting);
    if (value == null) {
      problem(setting, "is missing; allowed: an integer from " + setting.min() + " to " + setting.max());
      return setting.min();
    }
    try {
      long parsed = value instanceof Number ? ((Number) value).longValue() : Long.parseLong(value.toString().trim());
      if (parsed < setting.min() || parsed > setting.max()) {
        problem(setting, "'" + value + "' is out of range; allowed: an integer from "
            + setting.min() + " to " + setting.max());
        return setting.min();
      }
      return (int) parsed;
    } catch (NumberFormatException e) {
      problem(setting, "'" + value + "' is not an integer; allowed: an integer from "
          + setting.min() + " to " + setting.max());
      return setting.min();
    }
  }

  boolean bool(Setting setting) {
    Object value = raw(setting);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.equals("false")) {
      return text.equals("true");
    }
    problem(setting, "'" + value + "' is not a boolean; allowed: true or false");
    return false;
  }

  String choice(Setting setting) {
    Object value = raw(setting);
    if (value == null) {
      problem(setting, "is missing; allowed: " + String.join(", ", setting.choices()));
      return setting.choices().get(0);
    }
    String text = value.toString().trim();
    for (String allowed : setting.choices()) {
      if (allowed.equalsIgnoreCase(text)) {
        return allowed;
      }
    }
    problem(setting, "'" + value + "' is not allowed; allowed: " + String.join(", ", setting.choices()));
    return setting.choices().get(0);
  }

  /** A list given as a JSON array in the file or as comma-separated text in the environment. */
  List<String> list(Setting setting) {
    Object value = raw(setting);
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray) {
      ((JsonArray) value).forEach(item -> items.add(String.valueOf(item).trim()));
    } else if (value != null) {
      Arrays.stream(value.toString().split(",")).map(String::trim).forEach(items::add);
    }
    items.removeIf(String::isEmpty);
    return List.copyOf(items);
  }

  private Object atPath(String path) {
    Object current = merged;
    for (String key : path.split("\\.")) {
      if (!(current instanceof JsonObject)) {
        return null;
      }
      current = ((JsonObject) current).getValue(key);
    }
    return current;
  }
}
