package talos.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Decoding of message payloads and the protocol version every message carries. */
public final class Messages {

  /** The protocol version this implementation writes and reads. */
  public static final int VERSION = 1;

  /** The largest payload either side accepts, in bytes. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private Messages() {
  }

  /**
   * The JSON object in a payload.
   *
   * @throws ProtocolException for a payload that is too large, not JSON, not an object, or written
   *     for another protocol version ({@code "v"} absent means version 1)
   */
  public static JsonObject decode(Buffer payload) {
    checkSize(payload);
    JsonObject json;
    try {
      Object value = payload.toJsonValue();
      json = Fields.object(value, "payload");
    } catch (DecodeException e) {
      throw new ProtocolException("payload", "malformed JSON", "a JSON object");
    }
    return checkVersion(json);
  }

  /**
   * Encodes a message about to be sent, with the checks {@link #decode} makes on arrival.
   *
   * @throws ProtocolException for a message that is too large or written for another version
   */
  public static Buffer encode(JsonObject message) {
    checkVersion(message);
    return checkSize(message.toBuffer());
  }

  private static Buffer checkSize(Buffer payload) {
    if (payload.length() > MAX_PAYLOAD_BYTES) {
      throw new ProtocolException("payload", payload.length() + " bytes",
          "at most " + MAX_PAYLOAD_BYTES + " bytes");
    }
    return payload;
  }

  private static JsonObject checkVersion(JsonObject json) {
    Object version = json.getValue("v");
    if (version != null && !Integer.valueOf(VERSION).equals(version)) {
      throw new ProtocolException("v", version, "protocol version " + VERSION);
    }
    return json;
  }

  static JsonObject envelope() {
    return new JsonObject().put("v", VERSION);
  }
}
