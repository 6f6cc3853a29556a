package talos.protocol;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Whether a station's agent is connected, published retained on {@link Channel#STATUS}. The agent
 * publishes {@code online} after connecting and registers {@code offline} as its last will; it
 * publishes {@code offline} itself before a clean shutdown.
 *
 * @param agent the agent's name and version, such as {@code talos-agent/0.1.0}; may be {@code null}
 */
public record StationStatus(State state, Instant time, String agent) {

  /** The two states of a station's link. */
  public enum State {
    ONLINE, OFFLINE
  }

  public JsonObject toJson() {
    JsonObject json = Messages.envelope()
        .put("state", state.name().toLowerCase(java.util.Locale.ROOT))
        .put("t", time.toEpochMilli());
    return agent == null ? json : json.put("agent", agent);
  }

  /**
   * Reads a status message; TALOS's plain {@code "online"} / {@code "offline"} strings are read by
   * {@link #fromPlainText}.
   *
   * @throws ProtocolException naming the first field that breaks a rule
   */
  public static StationStatus fromJson(JsonObject json) {
    return new StationStatus(Fields.choice(json, "state", "state", State.class),
        Fields.time(json, "t", "t"), Fields.optionalText(json, "agent", "agent", 128));
  }

  /** A status from a payload of just {@code online} or {@code offline}, as TALOS agents send. */
  public static StationStatus fromPlainText(String text, Instant receivedAt) {
    return new StationStatus(Fields.choice(new JsonObject().put("state", text.trim()), "state",
        "state", State.class), receivedAt, null);
  }
}
