package talos.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies how payloads are decoded before any message record reads them. */
class MessagesTest {

  @Test
  void testAJsonObjectPayloadIsDecoded() {
    JsonObject json = new JsonObject().put("v", 1).put("az", 12.5);

    assertThat(Messages.decode(json.toBuffer())).isEqualTo(json);
  }

  @Test
  void testAPayloadThatIsNotAJsonObjectIsRefused() {
    assertThatThrownBy(() -> Messages.decode(Buffer.buffer("[1, 2]")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("a JSON object");
    assertThatThrownBy(() -> Messages.decode(Buffer.buffer("{\"az\": ")))
        .isInstanceOf(ProtocolException.class).hasMessage(
            "payload \"malformed JSON\" is not allowed: a JSON object");
  }

  @Test
  void testAnotherProtocolVersionIsRefused() {
    assertThatThrownBy(() -> Messages.decode(Buffer.buffer("{\"v\": 2}")))
        .isInstanceOf(ProtocolException.class).hasMessage("v 2 is not allowed: protocol version 1");
  }
}
