package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies radio setpoints on the wire: the full form, the plain forms and every refusal. */
class RadioSetpointsTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");

  /** Doppler-corrected frequencies with an uplink and a mode read back equal. */
  @Test
  void roundTripsWithUplinkAndMode() {
    // GIVEN two points of a transponder pass in USB
    RadioSetpoints sent = new RadioSetpoints(4, "pass-7", "USB", List.of(
        new RadioSetpoints.Point(T0, 435_795_123L, 145_935_400L),
        new RadioSetpoints.Point(T0.plusSeconds(1), 435_795_010L, 145_935_430L)));

    // WHEN they cross the wire
    JsonObject json = sent.toJson();
    RadioSetpoints received = RadioSetpoints.fromJson(carry(json), T0);

    // THEN they read back equal, in the documented shape
    assertThat(received).isEqualTo(sent);
    assertThat(json.getString("mode")).isEqualTo("USB");
    assertThat(json.getJsonArray("points").getJsonObject(0)).isEqualTo(new JsonObject()
        .put("t", T0.toEpochMilli()).put("downlink", 435_795_123L).put("uplink", 145_935_400L));
  }

  /** A receive-only message without a mode reads back without them. */
  @Test
  void roundTripsReceiveOnly() {
    // GIVEN a downlink-only point with no mode
    RadioSetpoints sent = new RadioSetpoints(1, null, null,
        List.of(new RadioSetpoints.Point(T0, 137_100_000L, null)));

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    RadioSetpoints received = RadioSetpoints.fromJson(carry(json), T0);

    // THEN it reads back equal and writes neither uplink nor mode
    assertThat(received).isEqualTo(sent);
    assertThat(json.containsKey("mode")).isFalse();
    assertThat(json.getJsonArray("points").getJsonObject(0).containsKey("uplink")).isFalse();
  }

  /** TALOS's plain {"freq"} is one downlink point at the receive time, epoch 0. */
  @Test
  void readsThePlainTalosPayload() {
    // GIVEN the plain payload
    String payload = "{\"freq\":145800000}";

    // WHEN it is read
    RadioSetpoints received = RadioSetpoints.fromJson(carry(payload), T0);

    // THEN it is one downlink point now
    assertThat(received.epoch()).isZero();
    assertThat(received.session()).isNull();
    assertThat(received.mode()).isNull();
    assertThat(received.points())
        .containsExactly(new RadioSetpoints.Point(T0, 145_800_000L, null));
  }

  /** The plain {"downlink", "uplink", "mode"} form is one point with all three. */
  @Test
  void readsThePlainDownlinkForm() {
    // GIVEN the plain form with uplink and mode
    String payload = "{\"downlink\":437000000,\"uplink\":145900000,\"mode\":\"FM\"}";

    // WHEN it is read
    RadioSetpoints received = RadioSetpoints.fromJson(carry(payload), T0);

    // THEN it is one point with both frequencies and the mode
    assertThat(received.mode()).isEqualTo("FM");
    assertThat(received.points())
        .containsExactly(new RadioSetpoints.Point(T0, 437_000_000L, 145_900_000L));
  }

  /** Each broken field is refused by its path, with the value and the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{'freq':0}| freq | freq 0 is not allowed: a whole number from 1 to 300000000000",
      "{'freq':300000000001}| freq | freq 300000000001 is not allowed",
      "{'freq':'145.8M'}| freq | freq \"145.8M\" is not allowed",
      "{'freq':145800000.5}| freq | freq 1.458000005E8 is not allowed",
      "{}| downlink | downlink (missing) is not allowed",
      "{'downlink':437000000,'uplink':-1}| uplink | uplink -1 is not allowed",
      "{'freq':145800000,'mode':''}| mode | mode \"\" is not allowed: a text of 1 to 16 characters",
      "{'freq':145800000,'mode':'AVERYLONGMODENAME'}| mode | mode \"AVERYLONGMODENAME\"",
      "{'points':[{'t':1,'downlink':1}]}| epoch | epoch (missing) is not allowed",
      "{'epoch':1,'points':[]}| points | points \"0 entries\" is not allowed",
      "{'epoch':1,'points':[{'t':1}]}| points[0].downlink | points[0].downlink (missing)",
      "{'epoch':1,'points':[{'t':1,'downlink':1,'uplink':'x'}]}| points[0].uplink | "
          + "points[0].uplink \"x\"",
      "{'epoch':1,'points':[{'t':5,'downlink':1},{'t':4,'downlink':1}]}"
          + "| points[1].t | points[1].t 4 is not allowed: a time after the previous point's",
      "{'epoch':1,'points':[null]}| points[0] | points[0] (missing) is not allowed: a JSON object"})
  void refusesABrokenField(String payload, String field, String message) {
    // GIVEN a radio message with one broken field
    JsonObject json = carry(payload.replace('\'', '"'));

    // WHEN it is read
    ProtocolException refused = refusal(field, () -> RadioSetpoints.fromJson(json, T0));

    // THEN the failure names the field and the value
    assertThat(refused).hasMessageStartingWith(message);
  }

  /** A message may carry at most 600 points. */
  @Test
  void refusesTooManyPoints() {
    // GIVEN 601 points
    JsonArray points = new JsonArray();
    for (int i = 0; i <= RadioSetpoints.MAX_POINTS; i++) {
      points.add(new JsonObject().put("t", T0.toEpochMilli() + i).put("downlink", 145_800_000L));
    }
    JsonObject json = new JsonObject().put("epoch", 1).put("points", points);

    // WHEN it is read
    // THEN it is refused with the count
    refusal("points", () -> RadioSetpoints.fromJson(carry(json), T0));
  }
}
