package talos.protocol;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;

/**
 * A session command, published on {@link Channel#SESSION} with QoS 1. The agent answers every command
 * with a {@link StationEvent} of type {@code ack} carrying the command's {@code id}.
 *
 * <ul>
 *   <li>{@code start}: a tracking session begins; setpoints with this {@code session} follow.
 *       {@code norad} and {@code satellite} say what is tracked, for the agent's log and events.
 *   <li>{@code stop}: stop the rotator where it is and end the session.
 *   <li>{@code park}: stop, end the session and drive the rotator to its locally configured park
 *       position.
 * </ul>
 *
 * <p>TALOS's plain {@code {"action": "stop"}} (or {@code {"cmd": …}}) is read with a generated id and
 * epoch 0.
 */
public record SessionCommand(String id, Action action, long epoch, String session, Integer norad,
                             String satellite, Instant issuedAt) {

  /** What the agent is asked to do. */
  public enum Action {
    START, STOP, PARK;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SessionCommand {
    if (id == null || id.isEmpty() || id.length() > 64) {
      throw new ProtocolException("id", id, "a text of 1 to 64 characters");
    }
    if (action == null) {
      throw new ProtocolException("action", null, "one of start stop park");
    }
    if (action == Action.START && session == null) {
      throw new ProtocolException("session", null, "a session id for start");
    }
  }

  public JsonObject toJson() {
    JsonObject json = Messages.envelope().put("id", id).put("action", action.wireName())
        .put("epoch", epoch).put("t", issuedAt.toEpochMilli());
    if (session != null) {
      json.put("session", session);
    }
    if (norad != null) {
      json.put("norad", norad);
    }
    if (satellite != null) {
      json.put("satellite", satellite);
    }
    return json;
  }

  /**
   * Reads a session command.
   *
   * @param receivedAt the issue time of a plain TALOS command, which carries none
   * @throws ProtocolException naming the first field that breaks a rule
   */
  public static SessionCommand fromJson(JsonObject json, Instant receivedAt) {
    if (!json.containsKey("id")) {
      String field = json.containsKey("cmd") ? "cmd" : "action";
      Action action = Fields.choice(json, field, field, Action.class);
      return new SessionCommand("plain-" + receivedAt.toEpochMilli(), action, 0,
          action == Action.START ? "plain-" + receivedAt.toEpochMilli() : null, null, null,
          receivedAt);
    }
    Long norad = Fields.optionalWhole(json, "norad", "norad", 1, 999_999_999);
    return new SessionCommand(
        Fields.text(json, "id", "id", 64),
        Fields.choice(json, "action", "action", Action.class),
        Fields.whole(json, "epoch", "epoch", 0, Long.MAX_VALUE),
        Fields.optionalText(json, "session", "session", 64),
        norad == null ? null : norad.intValue(),
        Fields.optionalText(json, "satellite", "satellite", 128),
        Fields.time(json, "t", "t"));
  }
}
