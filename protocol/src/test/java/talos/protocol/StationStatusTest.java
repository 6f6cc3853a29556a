package talos.protocol;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import talos.protocol.StationStatus.State;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies station status on the wire: the JSON form, TALOS's plain text and refusals. */
class StationStatusTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");

  /** An online status naming the agent reads back equal. */
  @Test
  void roundTripsOnlineWithTheAgent() {
    // GIVEN an online status
    StationStatus sent = new StationStatus(State.ONLINE, T0, "talos-agent/0.1.0");

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    StationStatus received = StationStatus.fromJson(carry(json));

    // THEN it reads back equal, in the documented shape
    assertThat(received).isEqualTo(sent);
    assertThat(json).isEqualTo(new JsonObject().put("v", 1).put("state", "online")
        .put("t", T0.toEpochMilli()).put("agent", "talos-agent/0.1.0"));
  }

  /** An offline status without an agent reads back equal. */
  @Test
  void roundTripsOfflineWithoutTheAgent() {
    // GIVEN an offline status, as a last will carries it
    StationStatus sent = new StationStatus(State.OFFLINE, T0, null);

    // WHEN it crosses the wire
    StationStatus received = StationStatus.fromJson(carry(sent.toJson()));

    // THEN it reads back equal
    assertThat(received).isEqualTo(sent);
  }

  /** TALOS's plain "online" and "offline" are read at the receive time. */
  @ParameterizedTest
  @CsvSource({"online, ONLINE", "offline, OFFLINE", "'  online\n', ONLINE", "OFFLINE, OFFLINE"})
  void readsThePlainTalosText(String text, State state) {
    // GIVEN a plain-text status
    // WHEN it is read
    StationStatus received = StationStatus.fromPlainText(text, T0);

    // THEN it is that state now, with no agent
    assertThat(received).isEqualTo(new StationStatus(state, T0, null));
  }

  /** Plain text that is neither state is refused on "state". */
  @ParameterizedTest
  @ValueSource(strings = {"away", "", "on line"})
  void refusesOtherPlainText(String text) {
    // GIVEN other text
    // WHEN it is read
    ProtocolException refused = refusal("state", () -> StationStatus.fromPlainText(text, T0));

    // THEN the failure says which states there are
    assertThat(refused).hasMessageEndingWith("is not allowed: one of online offline");
  }

  /** Each broken field is refused by its path, with the value and the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{'t':1}| state | state (missing) is not allowed: one of online offline",
      "{'state':true,'t':1}| state | state true is not allowed",
      "{'state':'online'}| t | t (missing) is not allowed",
      "{'state':'online','t':'now'}| t | t \"now\" is not allowed",
      "{'state':'online','t':1,'agent':''}| agent | agent \"\" is not allowed"})
  void refusesABrokenField(String payload, String field, String message) {
    // GIVEN a status with one broken field
    JsonObject json = carry(payload.replace('\'', '"'));

    // WHEN it is read
    ProtocolException refused = refusal(field, () -> StationStatus.fromJson(json));

    // THEN the failure names the field and the value
    assertThat(refused).hasMessageStartingWith(message);
  }
}
