package talos.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies how payloads are decoded: size, JSON syntax, object shape and protocol version. */
class MessagesTest {

  /** A JSON object with or without the version field is read. */
  @Test
  void readsAnObjectWithOrWithoutAVersion() {
    // GIVEN payloads with "v": 1 and without "v"
    // WHEN they are decoded
    JsonObject versioned = carry("{\"v\":1,\"az\":10}");
    JsonObject plain = carry("{\"az\":10}");

    // THEN both are read
    assertThat(versioned.getInteger("az")).isEqualTo(10);
    assertThat(plain.getInteger("az")).isEqualTo(10);
  }

  /** Every message this side writes carries the version it speaks. */
  @Test
  void writesTheVersionIntoEveryMessage() {
    // GIVEN the envelope messages are written in
    // WHEN it is read
    // THEN it says version 1
    assertThat(Messages.envelope()).isEqualTo(new JsonObject().put("v", Messages.VERSION));
    assertThat(Messages.VERSION).isEqualTo(1);
  }

  /** A message of another protocol version is refused, naming the version it has. */
  @ParameterizedTest
  @ValueSource(strings = {"2", "0", "\"1\"", "1.5", "null"})
  void refusesAnotherVersion(String version) {
    // GIVEN a payload with another version
    String payload = "{\"v\":" + version + ",\"az\":10,\"el\":20}";

    // WHEN it is decoded
    // THEN it is refused on "v", unless the field is null, which reads as absent
    if (version.equals("null")) {
      assertThat(carry(payload).getInteger("az")).isEqualTo(10);
    } else {
      ProtocolException refused = refusal("v", () -> carry(payload));
      assertThat(refused).hasMessageContaining("protocol version 1");
    }
  }

  /** Text that is not JSON is refused as malformed. */
  @ParameterizedTest
  @ValueSource(strings = {"{\"az\":", "online", "{az:10}", "{\"az\":10}}", "{'az':10}"})
  void refusesMalformedJson(String payload) {
    // GIVEN a payload that is not valid JSON
    // WHEN it is decoded
    ProtocolException refused = refusal("payload", () -> carry(payload));

    // THEN it is refused as malformed
    assertThat(refused).hasMessage("payload \"malformed JSON\" is not allowed: a JSON object");
  }

  /** JSON that is not an object is refused. */
  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"online\"", "42", "true"})
  void refusesJsonThatIsNotAnObject(String payload) {
    // GIVEN valid JSON that is not an object
    // WHEN it is decoded
    ProtocolException refused = refusal("payload", () -> carry(payload));

    // THEN it is refused, naming what was expected
    assertThat(refused).hasMessageEndingWith("is not allowed: a JSON object");
  }

  /** An empty payload, or one of only white space, is no message. */
  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "null"})
  void refusesAnEmptyPayload(String payload) {
    // GIVEN a payload with nothing in it
    // WHEN it is decoded
    // THEN it is refused on "payload"
    refusal("payload", () -> carry(payload));
  }

  /** A payload of exactly the limit is read; one byte more is refused with its size. */
  @Test
  void refusesAnOversizedPayload() {
    // GIVEN a payload of exactly 64 KiB and one of 64 KiB + 1
    Buffer atLimit = payloadOfSize(Messages.MAX_PAYLOAD_BYTES);
    Buffer overLimit = payloadOfSize(Messages.MAX_PAYLOAD_BYTES + 1);

    // WHEN they are decoded
    JsonObject read = Messages.decode(atLimit);
    ProtocolException refused = refusal("payload", () -> Messages.decode(overLimit));

    // THEN the first is read and the second refused, naming its size and the limit
    assertThat(read.getString("pad")).hasSize(Messages.MAX_PAYLOAD_BYTES - 10);
    assertThat(refused).hasMessage("payload \"65537 bytes\" is not allowed: at most 65536 bytes");
  }

  private static Buffer payloadOfSize(int bytes) {
    Buffer payload = Buffer.buffer("{\"pad\":\"" + "x".repeat(bytes - 10) + "\"}");
    assertThat(payload.length()).isEqualTo(bytes);
    return payload;
  }
}
