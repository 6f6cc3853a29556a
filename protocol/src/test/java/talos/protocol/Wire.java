package talos.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Sends messages over a pretend wire: encoded to bytes and decoded the way a receiver does. */
final class Wire {

  private Wire() {
  }

  /** The object a receiver decodes from the bytes of {@code json}. */
  static JsonObject carry(JsonObject json) {
    return Messages.decode(json.toBuffer());
  }

  /** The object a receiver decodes from a payload written as text. */
  static JsonObject carry(String payload) {
    return Messages.decode(Buffer.buffer(payload));
  }

  /** The protocol failure {@code call} throws, checked to name {@code field}. */
  static ProtocolException refusal(String field, Runnable call) {
    ProtocolException refused = catchThrowableOfType(ProtocolException.class, call::run);
    assertThat(refused).as("refusal of %s", field).isNotNull();
    assertThat(refused.field()).isEqualTo(field);
    assertThat(refused).hasMessageStartingWith(field + " ");
    return refused;
  }
}
