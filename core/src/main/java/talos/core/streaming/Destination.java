package talos.core.streaming;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Locale;
import java.util.UUID;

/**
 * Where an organisation's frames go.
 *
 * @param host the receiver's host name or address; {@code null} for {@link Kind#LIVE}
 * @param port the receiver's port; 0 for {@link Kind#LIVE}
 * @param allFrames every frame of the organisation, rather than only the frames of the campaigns
 *     that name this destination
 * @param queueSize frames waiting to be sent at most; beyond it new frames are dropped and counted
 */
record Destination(UUID id, UUID orgId, String name, Kind kind, String host, int port,
                   boolean allFrames, int queueSize) {

  /** How frames travel to a destination. */
  enum Kind {
    /** A YAMCS UDP TM data link: one datagram per frame, the bytes unchanged. */
    YAMCS_UDP("yamcs-udp", 10015),
    /**
     * YAMCS TCP TM data links, which connect to a telemetry server: the destination listens on its
     * host and port and writes the frames back to back to every link connected (CCSDS packets
     * delimit themselves).
     */
    YAMCS_TCP("yamcs-tcp", 10015),
    /** Any UDP receiver: one datagram per frame, the bytes unchanged. */
    UDP("udp", 0),
    /** Any TCP receiver: each frame preceded by its length in 4 bytes, big-endian. */
    TCP("tcp", 0),
    /** The web UI's live feed of the organisation, at most a few frames a second. */
    LIVE("live", 0);

    private final String wireName;
    private final int defaultPort;

    Kind(String wireName, int defaultPort) {
      this.wireName = wireName;
      this.defaultPort = defaultPort;
    }

    String wireName() {
      return wireName;
    }

    int defaultPort() {
      return defaultPort;
    }

    static Kind fromWire(String name) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(name)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown destination kind " + name);
    }

    static String allowed() {
      StringBuilder names = new StringBuilder();
      for (Kind kind : values()) {
        names.append(names.length() == 0 ? "" : ", ").append(kind.wireName);
      }
      return names.toString().toLowerCase(Locale.ROOT);
    }
  }

  static Destination of(Row row) {
    Integer port = row.getInteger("port");
    return new Destination(row.getUUID("id"), row.getUUID("org_id"), row.getString("name"),
        Kind.fromWire(row.getString("kind")), row.getString("host"), port == null ? 0 : port,
        row.getBoolean("all_frames"), row.getInteger("queue_size"));
  }

  /** What the API shows of it, without the figures of its sending. */
  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("kind", kind.wireName())
        .put("allFrames", allFrames)
        .put("queueSize", queueSize);
    if (kind != Kind.LIVE) {
      json.put("host", host).put("port", port);
    }
    return json;
  }

  /** Whether a change of this destination needs its sender started anew. */
  boolean sendsLike(Destination other) {
    return other != null && kind == other.kind && port == other.port && queueSize == other.queueSize
        && java.util.Objects.equals(host, other.host);
  }
}
