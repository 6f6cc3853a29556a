package talos.core.campaign;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import talos.core.bus.ServiceFailure;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A span of time {@code [from, to)}: it includes its start and excludes its end. */
record Window(OffsetDateTime from, OffsetDateTime to) {

  /**
   * The window given by the fields {@code from} and {@code to} of {@code body}, or {@code null}
   * when neither is given.
   *
   * @throws ServiceFailure with 400 when only one is given, one is not a date-time, or the end is
   *     not after the start
   */
  static Window optional(JsonObject body) {
    String from = body.getString("from");
    String to = body.getString("to");
    if (from == null && to == null) {
      return null;
    }
    if (from == null || to == null) {
      String missing = from == null ? "from" : "to";
      throw ServiceFailure.invalid(missing, "(missing)", "both from and to, or neither");
    }
    return of(from, to);
  }

  /**
   * The window given by the fields {@code from} and {@code to} of {@code body}.
   *
   * @throws ServiceFailure with 400 when one is missing, not a date-time, or the end is not after
   *     the start
   */
  static Window required(JsonObject body) {
    Window window = optional(body);
    if (window == null) {
      throw ServiceFailure.invalid("from", "(missing)", "a start and an end (from, to)");
    }
    return window;
  }

  private static Window of(String from, String to) {
    OffsetDateTime start = instant("from", from);
    OffsetDateTime end = instant("to", to);
    if (!end.isAfter(start)) {
      throw ServiceFailure.invalid("to", to, "a time after from (" + from + ")");
    }
    return new Window(start, end);
  }

  /**
   * A date-time field's value, or {@code null} for {@code null}.
   *
   * @throws ServiceFailure with 400 naming the field when the value is not an RFC 3339 date-time
   */
  static OffsetDateTime instant(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ServiceFailure.invalid(field, value, "an RFC 3339 date-time such as 2026-03-20T10:00:00Z");
    }
  }

  /** The window in the columns {@code from_at} and {@code to_at}, or {@code null} when they are. */
  static Window of(Row row) {
    OffsetDateTime from = row.getOffsetDateTime("from_at");
    return from == null ? null : new Window(from, row.getOffsetDateTime("to_at"));
  }

  /** Text for messages: "2026-03-20T10:00Z to 2026-03-20T12:00Z". */
  String describe() {
    return from + " to " + to;
  }

  JsonObject toJson() {
    return new JsonObject().put("from", from.toString()).put("to", to.toString());
  }
}
