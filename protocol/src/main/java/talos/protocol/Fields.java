package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Reads typed fields out of a JSON object and refuses values of the wrong type or range. */
final class Fields {

  private Fields() {
  }

  static double number(JsonObject json, String field, String path, double min, double max) {
    Object value = json.getValue(field);
    if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
      throw new ProtocolException(path, value, "a number from " + min + " to " + max);
    }
    double result = number.doubleValue();
    if (result < min || result > max) {
      throw new ProtocolException(path, value, "a number from " + min + " to " + max);
    }
    return result;
  }

  static Double optionalNumber(JsonObject json, String field, String path, double min, double max) {
    return json.getValue(field) == null ? null : number(json, field, path, min, max);
  }

  static long whole(JsonObject json, String field, String path, long min, long max) {
    Object value = json.getValue(field);
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.doubleValue() < min || number.doubleValue() > max) {
      throw new ProtocolException(path, value, "a whole number from " + min + " to " + max);
    }
    return number.longValue();
  }

  static Long optionalWhole(JsonObject json, String field, String path, long min, long max) {
    return json.getValue(field) == null ? null : whole(json, field, path, min, max);
  }

  static Instant time(JsonObject json, String field, String path) {
    return Instant.ofEpochMilli(whole(json, field, path, 0, 32_503_680_000_000L));
  }

  static boolean flag(JsonObject json, String field, String path, boolean absent) {
    Object value = json.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Boolean flag)) {
      throw new ProtocolException(path, value, "true or false");
    }
    return flag;
  }

  static String text(JsonObject json, String field, String path, int maxLength) {
    Object value = json.getValue(field);
    if (!(value instanceof String text) || text.isEmpty() || text.length() > maxLength) {
      throw new ProtocolException(path, value, "a text of 1 to " + maxLength + " characters");
    }
    return text;
  }

  static String optionalText(JsonObject json, String field, String path, int maxLength) {
    return json.getValue(field) == null ? null : text(json, field, path, maxLength);
  }

  static JsonArray array(JsonObject json, String field, String path, int minSize, int maxSize) {
    Object value = json.getValue(field);
    if (!(value instanceof JsonArray array) || array.size() < minSize || array.size() > maxSize) {
      throw new ProtocolException(path, value instanceof JsonArray a ? a.size() + " entries" : value,
          "an array of " + minSize + " to " + maxSize + " entries");
    }
    return array;
  }

  static JsonObject object(Object value, String path) {
    if (!(value instanceof JsonObject object)) {
      throw new ProtocolException(path, value, "a JSON object");
    }
    return object;
  }

  /**
   * An unmodifiable copy of time-tagged points, checked to hold 1 to {@code maxPoints} entries in
   * strictly increasing time order.
   */
  static <P> List<P> timeline(List<P> points, Function<P, Instant> time, int maxPoints) {
    List<P> copy = List.copyOf(points);
    if (copy.isEmpty() || copy.size() > maxPoints) {
      throw new ProtocolException("points", copy.size() + " entries",
          "1 to " + maxPoints + " entries");
    }
    for (int i = 1; i < copy.size(); i++) {
      if (!time.apply(copy.get(i)).isAfter(time.apply(copy.get(i - 1)))) {
        throw new ProtocolException("points[" + i + "].t", time.apply(copy.get(i)).toEpochMilli(),
            "a time after the previous point's");
      }
    }
    return copy;
  }

  static <E extends Enum<E>> E choice(JsonObject json, String field, String path, Class<E> type) {
    Object value = json.getValue(field);
    if (value instanceof String text) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text)) {
          return constant;
        }
      }
    }
    StringBuilder allowed = new StringBuilder("one of");
    for (E constant : type.getEnumConstants()) {
      allowed.append(' ').append(constant.name().toLowerCase(java.util.Locale.ROOT));
    }
    throw new ProtocolException(path, value, allowed.toString());
  }
}
