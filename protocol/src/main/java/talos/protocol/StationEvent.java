package talos.protocol;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;

/**
 * Something the agent tells the core, published on {@link Channel#EVENTS}: a command's
 * acknowledgement, or an operator event such as a refused setpoint or a driver that failed.
 *
 * <p>An acknowledgement has {@code type} {@value #ACK}, the {@code command} id, and {@code code}
 * 200 when the command was carried out, or a failure code in the HTTP spirit (400 refused as invalid,
 * 409 refused in the current state, 503 a device unavailable) with {@code message} saying why.
 *
 * @param type a short lowercase word: {@value #ACK}, {@code limit}, {@code stale}, {@code link},
 *     {@code safety}, {@code driver}, {@code session}
 * @param command the acknowledged command's id, or {@code null}
 * @param code the outcome of a command, or {@code null} for other events
 */
public record StationEvent(Instant time, String type, Severity severity, String message,
                           String command, Integer code) {

  /** The type of a command acknowledgement. */
  public static final String ACK = "ack";

  /** How much an operator should care. */
  public enum Severity {
    INFO, WARNING, ERROR
  }

  public StationEvent {
    if (message != null && message.length() > 500) {
      message = message.substring(0, 500);
    }
  }

  /** An acknowledgement of a command carried out. */
  public static StationEvent ack(Instant time, String command, String message) {
    return new StationEvent(time, ACK, Severity.INFO, message, command, 200);
  }

  /** An acknowledgement of a command refused or failed, with an HTTP-like code. */
  public static StationEvent nack(Instant time, String command, int code, String message) {
    return new StationEvent(time, ACK, Severity.WARNING, message, command, code);
  }

  public boolean isAck() {
    return ACK.equals(type);
  }

  public JsonObject toJson() {
    JsonObject json = Messages.envelope().put("t", time.toEpochMilli()).put("type", type)
        .put("severity", severity.name().toLowerCase(Locale.ROOT)).put("message", message);
    if (command != null) {
      json.put("command", command);
    }
    return code == null ? json : json.put("code", code);
  }

  /**
   * Reads an event.
   *
   * @throws ProtocolException naming the first field that breaks a rule
   */
  public static StationEvent fromJson(JsonObject json) {
    Long code = Fields.optionalWhole(json, "code", "code", 100, 599);
    return new StationEvent(Fields.time(json, "t", "t"), Fields.text(json, "type", "type", 32),
        Fields.choice(json, "severity", "severity", Severity.class),
        Fields.optionalText(json, "message", "message", 500),
        Fields.optionalText(json, "command", "command", 64), code == null ? null : code.intValue());
  }
}
