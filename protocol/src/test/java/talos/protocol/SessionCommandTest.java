package talos.protocol;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import talos.protocol.SessionCommand.Action;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies session commands on the wire: every action, TALOS's plain forms and every refusal. */
class SessionCommandTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");

  /** A start with everything it may carry reads back equal. */
  @Test
  void roundTripsAStart() {
    // GIVEN a start of a pass of the ISS
    SessionCommand sent = new SessionCommand("cmd-1", Action.START, 3, "pass-42", 25544,
        "ISS (ZARYA)", T0);

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    SessionCommand received = SessionCommand.fromJson(carry(json), T0.plusSeconds(5));

    // THEN it reads back equal, in the documented shape
    assertThat(received).isEqualTo(sent);
    assertThat(json).isEqualTo(new JsonObject().put("v", 1).put("id", "cmd-1")
        .put("action", "start").put("epoch", 3).put("t", T0.toEpochMilli())
        .put("session", "pass-42").put("norad", 25544).put("satellite", "ISS (ZARYA)"));
  }

  /** Stop and park without a session read back equal too. */
  @ParameterizedTest
  @EnumSource(value = Action.class, names = {"STOP", "PARK"})
  void roundTripsStopAndPark(Action action) {
    // GIVEN a bare command
    SessionCommand sent = new SessionCommand("cmd-9", action, 5, null, null, null, T0);

    // WHEN it crosses the wire
    SessionCommand received = SessionCommand.fromJson(carry(sent.toJson()), T0);

    // THEN it reads back equal
    assertThat(received).isEqualTo(sent);
  }

  /** TALOS's plain {"action": "stop"} and {"cmd": "park"} read with a generated id and epoch 0. */
  @ParameterizedTest
  @CsvSource({"'{\"action\":\"stop\"}', STOP", "'{\"cmd\":\"park\"}', PARK",
      "'{\"cmd\":\"STOP\"}', STOP"})
  void readsThePlainTalosCommands(String payload, Action action) {
    // GIVEN a plain command
    // WHEN it is read
    SessionCommand received = SessionCommand.fromJson(carry(payload), T0);

    // THEN it is that action now, with an id to acknowledge
    assertThat(received.action()).isEqualTo(action);
    assertThat(received.id()).isEqualTo("plain-" + T0.toEpochMilli());
    assertThat(received.epoch()).isZero();
    assertThat(received.session()).isNull();
    assertThat(received.issuedAt()).isEqualTo(T0);
  }

  /** A plain start gets a generated session so its setpoints can follow. */
  @Test
  void givesAPlainStartASession() {
    // GIVEN a plain start
    // WHEN it is read
    SessionCommand received = SessionCommand.fromJson(carry("{\"action\":\"start\"}"), T0);

    // THEN it has a session
    assertThat(received.action()).isEqualTo(Action.START);
    assertThat(received.session()).isEqualTo("plain-" + T0.toEpochMilli());
  }

  /** Each broken field is refused by its path, with the value and the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{'action':'dance'}| action | action \"dance\" is not allowed: one of start stop park",
      "{'cmd':5}| cmd | cmd 5 is not allowed: one of start stop park",
      "{}| action | action (missing) is not allowed",
      "{'id':'','action':'stop','epoch':1,'t':1}| id | id \"\" is not allowed",
      "{'id':7,'action':'stop','epoch':1,'t':1}| id | id 7 is not allowed",
      "{'id':'c','epoch':1,'t':1}| action | action (missing) is not allowed",
      "{'id':'c','action':'stop','t':1}| epoch | epoch (missing) is not allowed",
      "{'id':'c','action':'stop','epoch':1}| t | t (missing) is not allowed",
      "{'id':'c','action':'start','epoch':1,'t':1}"
          + "| session | session (missing) is not allowed: a session id for start",
      "{'id':'c','action':'start','epoch':1,'t':1,'session':'s','norad':0}"
          + "| norad | norad 0 is not allowed: a whole number from 1 to 999999999",
      "{'id':'c','action':'start','epoch':1,'t':1,'session':'s','satellite':''}"
          + "| satellite | satellite \"\" is not allowed"})
  void refusesABrokenField(String payload, String field, String message) {
    // GIVEN a command with one broken field
    JsonObject json = carry(payload.replace('\'', '"'));

    // WHEN it is read
    ProtocolException refused = refusal(field, () -> SessionCommand.fromJson(json, T0));

    // THEN the failure names the field and the value
    assertThat(refused).hasMessageStartingWith(message);
  }

  /** An id longer than 64 characters is refused. */
  @Test
  void refusesALongId() {
    // GIVEN a 65-character id
    JsonObject json = new JsonObject().put("id", "c".repeat(65)).put("action", "stop")
        .put("epoch", 1).put("t", 1);

    // WHEN it is read
    // THEN it is refused on "id"
    refusal("id", () -> SessionCommand.fromJson(carry(json), T0));
  }
}
