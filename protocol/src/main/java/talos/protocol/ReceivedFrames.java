package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Data frames a station received, published on {@link Channel#FRAMES}: one to
 * {@value #MAX_FRAMES} frames, each with its bytes and what the station knows of it.
 *
 * <p>The message is either {@code {"v": 1, "frames": [frame, ...]}} or, for a single frame, the
 * frame's own fields at the top level. A frame is {@code {"t", "noradId", "data", "session"?,
 * "frequency"?, "rssi"?, "snr"?}}, with {@code data} in standard base64.
 */
public record ReceivedFrames(List<Frame> frames) {

  /** Frames in one message at most. */
  public static final int MAX_FRAMES = 100;
  /** Bytes of one frame at most (before base64). */
  public static final int MAX_FRAME_BYTES = 16 * 1024;

  /**
   * One frame as received.
   *
   * @param time when the station received it
   * @param noradId the satellite it came from, as the station was tracking it
   * @param session the session in progress, or {@code null} outside a session
   * @param frequency the frequency it was received on in Hz, or {@code null}
   * @param rssi the received signal strength in dBm, or {@code null}
   * @param snr the signal-to-noise ratio in dB, or {@code null}
   */
  public record Frame(Instant time, int noradId, String session, Long frequency, byte[] data,
                      Double rssi, Double snr) {

    public JsonObject toJson() {
      JsonObject json = new JsonObject()
          .put("t", time.toEpochMilli())
          .put("noradId", noradId)
          .put("data", Base64.getEncoder().encodeToString(data));
      if (session != null) {
        json.put("session", session);
      }
      if (frequency != null) {
        json.put("frequency", frequency);
      }
      if (rssi != null) {
        json.put("rssi", rssi);
      }
      if (snr != null) {
        json.put("snr", snr);
      }
      return json;
    }

    static Frame fromJson(JsonObject json, String path) {
      Instant time = Fields.time(json, "t", path + "t");
      long norad = Fields.whole(json, "noradId", path + "noradId", 1, 999_999_999);
      String session = Fields.optionalText(json, "session", path + "session", 64);
      Long frequency = Fields.optionalWhole(json, "frequency", path + "frequency", 0,
          300_000_000_000L);
      Double rssi = Fields.optionalNumber(json, "rssi", path + "rssi", -200, 50);
      Double snr = Fields.optionalNumber(json, "snr", path + "snr", -50, 100);
      return new Frame(time, (int) norad, session, frequency, data(json, path + "data"), rssi, snr);
    }

    private static byte[] data(JsonObject json, String path) {
      Object value = json.getValue("data");
      String allowed = "standard base64 of 1 to " + MAX_FRAME_BYTES + " bytes";
      if (!(value instanceof String text) || text.isEmpty()
          || text.length() > (MAX_FRAME_BYTES + 2) / 3 * 4) {
        throw new ProtocolException(path, value instanceof String text
            ? text.length() + " characters" : value, allowed);
      }
      try {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (bytes.length == 0 || bytes.length > MAX_FRAME_BYTES) {
          throw new ProtocolException(path, bytes.length + " bytes", allowed);
        }
        return bytes;
      } catch (IllegalArgumentException e) {
        throw new ProtocolException(path, "(not base64)", allowed);
      }
    }
  }

  public ReceivedFrames {
    frames = List.copyOf(frames);
    if (frames.isEmpty() || frames.size() > MAX_FRAMES) {
      throw new ProtocolException("frames", frames.size() + " entries",
          "1 to " + MAX_FRAMES + " entries");
    }
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    frames.forEach(frame -> list.add(frame.toJson()));
    return Messages.envelope().put("frames", list);
  }

  /**
   * Reads a message of frames, in its batch or single-frame form.
   *
   * @throws ProtocolException naming the first field that breaks a rule, such as
   *     {@code frames[3].data}
   */
  public static ReceivedFrames fromJson(JsonObject json) {
    if (!json.containsKey("frames")) {
      return new ReceivedFrames(List.of(Frame.fromJson(json, "")));
    }
    JsonArray list = Fields.array(json, "frames", "frames", 1, MAX_FRAMES);
    List<Frame> frames = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String path = "frames[" + i + "].";
      frames.add(Frame.fromJson(Fields.object(list.getValue(i), "frames[" + i + "]"), path));
    }
    return new ReceivedFrames(frames);
  }
}
