package talos.core.bus;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads optional query parameters of an API request, refusing a bad one with 400 naming the
 * parameter, its value and what is allowed.
 */
public final class QueryParams {

  private QueryParams() {
  }

  /** @return the UUID, or {@code null} when the parameter is absent */
  public static UUID uuid(JsonObject query, String name) {
    Object value = query.getValue(name);
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value.toString());
    } catch (IllegalArgumentException e) {
      throw ServiceFailure.invalid(name, value, "a UUID such as 0b6c3c1e-8d3f-4a57-9b1e-2f0d6a1c7e42");
    }
  }

  /** @return the instant, or {@code null} when the parameter is absent */
  public static Instant instant(JsonObject query, String name) {
    Object value = query.getValue(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.toString());
    } catch (DateTimeParseException e) {
      throw ServiceFailure.invalid(name, value, "an ISO-8601 instant such as 2026-03-20T12:00:00Z");
    }
  }

  /** @return the number, or {@code fallback} when the parameter is absent */
  public static int whole(JsonObject query, String name, int fallback, int min, int max) {
    Object value = query.getValue(name);
    if (value == null) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.toString());
      if (number >= min && number <= max) {
        return (int) number;
      }
    } catch (NumberFormatException e) {
      // refused below, with the allowed range
    }
    throw ServiceFailure.invalid(name, value, "a whole number from " + min + " to " + max);
  }

  /** @return the flag, or {@code fallback} when the parameter is absent */
  public static boolean flag(JsonObject query, String name, boolean fallback) {
    Object value = query.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    String text = value.toString();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw ServiceFailure.invalid(name, value, "true or false");
  }
}
