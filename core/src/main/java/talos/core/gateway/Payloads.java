package talos.core.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import talos.protocol.Channel;
import talos.protocol.Messages;
import talos.protocol.PointingSetpoints;
import talos.protocol.ProtocolException;
import talos.protocol.RadioSetpoints;
import talos.protocol.ReceivedFrames;
import talos.protocol.SessionCommand;
import talos.protocol.StationEvent;
import talos.protocol.StationStatus;
import talos.protocol.Telemetry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Checks message payloads against the station protocol, in both directions. Every method throws a
 * {@link ProtocolException} naming the field, the value and what is allowed.
 */
final class Payloads {

  /** The longest plain-text status accepted, in bytes. */
  private static final int MAX_PLAIN_STATUS = 16;

  private Payloads() {
  }

  /**
   * What a station sent on {@code channel}, checked and written the way the protocol writes it:
   * telemetry, a status, an event; frames are checked and kept as received, since writing them
   * again would only encode their bytes a second time.
   *
   * <p>Two TALOS forms are read too: a status of plain {@code online} or {@code offline}, and
   * telemetry of plain {@code {"az", "el"}}, read as the rotator's position when received.
   *
   * @throws ProtocolException for a payload that breaks the protocol
   * @throws IllegalArgumentException for a channel stations do not publish on
   */
  static JsonObject fromStation(Channel channel, Buffer payload, Instant receivedAt) {
    return switch (channel) {
      case TELEMETRY -> telemetry(Messages.decode(payload), receivedAt).toJson();
      case STATUS -> status(payload, receivedAt).toJson();
      case EVENTS -> StationEvent.fromJson(Messages.decode(payload)).toJson();
      case FRAMES -> frames(Messages.decode(payload));
      default -> throw new IllegalArgumentException("channel " + channel.suffix()
          + " is not one stations publish on");
    };
  }

  private static JsonObject frames(JsonObject message) {
    ReceivedFrames.fromJson(message);
    return message;
  }

  /** A status payload: a status message, or TALOS's plain {@code online} / {@code offline}. */
  static StationStatus status(Buffer payload, Instant receivedAt) {
    if (payload.length() <= MAX_PLAIN_STATUS) {
      String text = payload.toString(StandardCharsets.UTF_8).trim();
      if (!text.startsWith("{")) {
        return StationStatus.fromPlainText(text, receivedAt);
      }
    }
    return StationStatus.fromJson(Messages.decode(payload));
  }

  /**
   * A command for a station, checked with the protocol record of its channel, with the bytes to
   * write: the payload as given, so a TALOS agent receives the plain form it was sent in.
   *
   * @param bytes the payload's bytes
   * @param epoch the ownership epoch the command carries; 0 for TALOS's plain forms
   */
  record Command(Buffer bytes, long epoch) {
  }

  /**
   * Checks a command for a station with the protocol record of its channel.
   *
   * @throws ProtocolException for a payload that breaks the protocol
   * @throws IllegalArgumentException for a channel that does not carry commands
   */
  static Command toStation(Channel channel, JsonObject payload, Instant now) {
    Buffer bytes = Messages.encode(payload);
    long epoch = switch (channel) {
      case ROTATOR -> PointingSetpoints.fromJson(payload, now).epoch();
      case RADIO -> RadioSetpoints.fromJson(payload, now).epoch();
      case SESSION -> SessionCommand.fromJson(payload, now).epoch();
      default -> throw new IllegalArgumentException("channel " + channel.suffix()
          + " does not carry commands");
    };
    return new Command(bytes, epoch);
  }

  private static Telemetry telemetry(JsonObject json, Instant receivedAt) {
    if (!json.containsKey("t") && json.containsKey("az") && json.containsKey("el")) {
      return Telemetry.fromJson(new JsonObject()
          .put("t", receivedAt.toEpochMilli())
          .put("rotator", new JsonObject().put("az", json.getValue("az"))
              .put("el", json.getValue("el"))));
    }
    return Telemetry.fromJson(json);
  }
}
