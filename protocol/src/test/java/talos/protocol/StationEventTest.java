package talos.protocol;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import talos.protocol.StationEvent.Severity;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies station events on the wire: acknowledgements, other events and every refusal. */
class StationEventTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");

  /** A positive acknowledgement carries code 200 and the command id, and reads back equal. */
  @Test
  void roundTripsAnAck() {
    // GIVEN an acknowledgement of a command carried out
    StationEvent sent = StationEvent.ack(T0, "cmd-1", "session pass-42 started");

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    StationEvent received = StationEvent.fromJson(carry(json));

    // THEN it reads back equal, in the documented shape
    assertThat(received).isEqualTo(sent);
    assertThat(received.isAck()).isTrue();
    assertThat(json).isEqualTo(new JsonObject().put("v", 1).put("t", T0.toEpochMilli())
        .put("type", "ack").put("severity", "info").put("message", "session pass-42 started")
        .put("command", "cmd-1").put("code", 200));
  }

  /** A refusal carries its HTTP-like code and a warning severity. */
  @ParameterizedTest
  @CsvSource({"400, session is missing", "409, epoch 2 is below 5", "503, rotator unavailable"})
  void roundTripsANack(int code, String message) {
    // GIVEN a refused command
    StationEvent sent = StationEvent.nack(T0, "cmd-2", code, message);

    // WHEN it crosses the wire
    StationEvent received = StationEvent.fromJson(carry(sent.toJson()));

    // THEN it reads back equal
    assertThat(received).isEqualTo(sent);
    assertThat(received.code()).isEqualTo(code);
    assertThat(received.severity()).isEqualTo(Severity.WARNING);
  }

  /** An operator event has no command and no code. */
  @Test
  void roundTripsAnOperatorEvent() {
    // GIVEN a driver failure event
    StationEvent sent = new StationEvent(T0, "driver", Severity.ERROR,
        "rotator failed: IO: port vanished", null, null);

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    StationEvent received = StationEvent.fromJson(carry(json));

    // THEN it reads back equal and writes neither command nor code
    assertThat(received).isEqualTo(sent);
    assertThat(received.isAck()).isFalse();
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("v", "t", "type", "severity",
        "message");
  }

  /** A message longer than 500 characters is cut to 500 before it is sent. */
  @Test
  void cutsALongMessage() {
    // GIVEN a 600-character message
    StationEvent sent = new StationEvent(T0, "driver", Severity.ERROR, "x".repeat(600), null, null);

    // WHEN it crosses the wire
    StationEvent received = StationEvent.fromJson(carry(sent.toJson()));

    // THEN 500 characters arrive
    assertThat(received.message()).hasSize(500);
  }

  /** Each broken field is refused by its path, with the value and the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{'type':'ack','severity':'info'}| t | t (missing) is not allowed",
      "{'t':1,'severity':'info'}| type | type (missing) is not allowed: a text of 1 to 32",
      "{'t':1,'type':'ack','severity':'fatal'}"
          + "| severity | severity \"fatal\" is not allowed: one of info warning error",
      "{'t':1,'type':'ack','severity':'info','code':99}"
          + "| code | code 99 is not allowed: a whole number from 100 to 599",
      "{'t':1,'type':'ack','severity':'info','code':'200'}| code | code \"200\" is not allowed",
      "{'t':1,'type':'ack','severity':'info','command':''}| command | command \"\" is not allowed",
      "{'t':1,'type':'ack','severity':'info','message':42}| message | message 42 is not allowed"})
  void refusesABrokenField(String payload, String field, String message) {
    // GIVEN an event with one broken field
    JsonObject json = carry(payload.replace('\'', '"'));

    // WHEN it is read
    ProtocolException refused = refusal(field, () -> StationEvent.fromJson(json));

    // THEN the failure names the field and the value
    assertThat(refused).hasMessageStartingWith(message);
  }
}
