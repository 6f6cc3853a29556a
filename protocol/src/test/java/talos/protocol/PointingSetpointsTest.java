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

/** Verifies pointing setpoints on the wire: the full form, TALOS's plain form and every refusal. */
class PointingSetpointsTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");
  private static final long MS = T0.toEpochMilli();

  /** Setpoints written by the core read back equal at the agent. */
  @Test
  void roundTrips() {
    // GIVEN three points of a session, one past the zenith on a flip rotator
    PointingSetpoints sent = new PointingSetpoints(7, "pass-42", List.of(
        new PointingSetpoints.Point(T0, 350.25, 12.5),
        new PointingSetpoints.Point(T0.plusMillis(500), 359.9999, 80.0),
        new PointingSetpoints.Point(T0.plusSeconds(1), 370.0, 95.125)));

    // WHEN they cross the wire
    JsonObject json = sent.toJson();
    PointingSetpoints received = PointingSetpoints.fromJson(carry(json), T0.plusSeconds(9));

    // THEN they read back equal, in the documented shape
    assertThat(received).isEqualTo(sent);
    assertThat(json.getInteger("v")).isEqualTo(1);
    assertThat(json.getJsonArray("points").getJsonObject(0))
        .isEqualTo(new JsonObject().put("t", MS).put("az", 350.25).put("el", 12.5));
  }

  /** Setpoints outside any session carry a null session that reads back as none. */
  @Test
  void roundTripsWithoutASession() {
    // GIVEN a single point with no session
    PointingSetpoints sent = new PointingSetpoints(1, null,
        List.of(new PointingSetpoints.Point(T0, 0, 90)));

    // WHEN it crosses the wire
    PointingSetpoints received = PointingSetpoints.fromJson(carry(sent.toJson()), T0);

    // THEN it reads back equal
    assertThat(received).isEqualTo(sent);
  }

  /** Angles are written to a ten-thousandth of a degree. */
  @Test
  void writesAnglesToFourDecimals() {
    // GIVEN a point with more precision than the wire carries
    PointingSetpoints sent = new PointingSetpoints(1, null,
        List.of(new PointingSetpoints.Point(T0, 123.456789, 45.00004)));

    // WHEN it is written
    JsonObject point = sent.toJson().getJsonArray("points").getJsonObject(0);

    // THEN the angles are rounded
    assertThat(point.getDouble("az")).isEqualTo(123.4568);
    assertThat(point.getDouble("el")).isEqualTo(45.0);
  }

  /** TALOS's plain {"az", "el"} is one point at the receive time, epoch 0, no session. */
  @Test
  void readsThePlainTalosPayload() {
    // GIVEN the plain payload
    String payload = "{\"az\":10,\"el\":20}";

    // WHEN it is read
    PointingSetpoints received = PointingSetpoints.fromJson(carry(payload), T0);

    // THEN it is one point now
    assertThat(received.epoch()).isZero();
    assertThat(received.session()).isNull();
    assertThat(received.points()).containsExactly(new PointingSetpoints.Point(T0, 10, 20));
  }

  /** A plain payload must still carry both angles, in range. */
  @Test
  void refusesAPlainPayloadWithoutElevation() {
    // GIVEN a plain payload with azimuth only, and one with an elevation too high
    // WHEN they are read
    // THEN each is refused on "el"
    refusal("el", () -> PointingSetpoints.fromJson(carry("{\"az\":10}"), T0));
    refusal("el", () -> PointingSetpoints.fromJson(carry("{\"az\":10,\"el\":181}"), T0));
  }

  /** Each broken field is refused by its path, with the value and the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{'points':[{'t':1,'az':1,'el':1}]}| epoch "
          + "| epoch (missing) is not allowed: a whole number from 0 to 9223372036854775807",
      "{'epoch':-1,'points':[{'t':1,'az':1,'el':1}]}| epoch | epoch -1 is not allowed",
      "{'epoch':'3','points':[{'t':1,'az':1,'el':1}]}| epoch | epoch \"3\" is not allowed",
      "{'epoch':1.5,'points':[{'t':1,'az':1,'el':1}]}| epoch | epoch 1.5 is not allowed",
      "{'epoch':1,'session':5,'points':[{'t':1,'az':1,'el':1}]}"
          + "| session | session 5 is not allowed: a text of 1 to 64 characters",
      "{'epoch':1,'session':'','points':[{'t':1,'az':1,'el':1}]}| session | session \"\"",
      "{'epoch':1}| points | points (missing) is not allowed: an array of 1 to 600 entries",
      "{'epoch':1,'points':[]}| points | points \"0 entries\" is not allowed",
      "{'epoch':1,'points':{'t':1}}| points | points {\"t\":1} is not allowed",
      "{'epoch':1,'points':[5]}| points[0] | points[0] 5 is not allowed: a JSON object",
      "{'epoch':1,'points':[{'az':1,'el':1}]}| points[0].t | points[0].t (missing)",
      "{'epoch':1,'points':[{'t':-5,'az':1,'el':1}]}| points[0].t | points[0].t -5",
      "{'epoch':1,'points':[{'t':1.5,'az':1,'el':1}]}| points[0].t | points[0].t 1.5",
      "{'epoch':1,'points':[{'t':1,'az':1,'el':1},{'t':2,'az':541,'el':1}]}"
          + "| points[1].az | points[1].az 541 is not allowed: a number from -180.0 to 540.0",
      "{'epoch':1,'points':[{'t':1,'az':'north','el':1}]}| points[0].az | points[0].az \"north\"",
      "{'epoch':1,'points':[{'t':1,'az':1,'el':-91}]}"
          + "| points[0].el | points[0].el -91 is not allowed: a number from -90.0 to 180.0",
      "{'epoch':1,'points':[{'t':1,'az':1,'el':null}]}| points[0].el | points[0].el (missing)",
      "{'epoch':1,'points':[{'t':2,'az':1,'el':1},{'t':2,'az':1,'el':1}]}"
          + "| points[1].t | points[1].t 2 is not allowed: a time after the previous point's",
      "{'epoch':1,'points':[{'t':3,'az':1,'el':1},{'t':2,'az':1,'el':1}]}"
          + "| points[1].t | points[1].t 2 is not allowed"})
  void refusesABrokenField(String payload, String field, String message) {
    // GIVEN a setpoint message with one broken field
    JsonObject json = carry(payload.replace('\'', '"'));

    // WHEN it is read
    ProtocolException refused = refusal(field, () -> PointingSetpoints.fromJson(json, T0));

    // THEN the failure names the field and the value
    assertThat(refused).hasMessageStartingWith(message);
  }

  /** A message may carry at most 600 points. */
  @Test
  void refusesTooManyPoints() {
    // GIVEN exactly the most points, and one more
    JsonObject most = withPoints(PointingSetpoints.MAX_POINTS);
    JsonObject tooMany = withPoints(PointingSetpoints.MAX_POINTS + 1);

    // WHEN they are read
    PointingSetpoints read = PointingSetpoints.fromJson(carry(most), T0);
    ProtocolException refused = refusal("points",
        () -> PointingSetpoints.fromJson(carry(tooMany), T0));

    // THEN the first is read and the second refused with its count
    assertThat(read.points()).hasSize(600);
    assertThat(refused).hasMessage("points \"601 entries\" is not allowed: an array of 1 to 600 "
        + "entries");
  }

  /** The core cannot build a message the agent would refuse. */
  @Test
  void refusesToBuildABrokenMessage() {
    // GIVEN points out of order, no points, and an azimuth out of range
    List<PointingSetpoints.Point> backwards = List.of(new PointingSetpoints.Point(T0, 1, 1),
        new PointingSetpoints.Point(T0.minusMillis(1), 1, 1));

    // WHEN messages are built from them
    // THEN each is refused as the reader would
    refusal("points[1].t", () -> new PointingSetpoints(1, null, backwards));
    refusal("points", () -> new PointingSetpoints(1, null, List.of()));
    refusal("az", () -> new PointingSetpoints.Point(T0, Double.NaN, 1));
    refusal("el", () -> new PointingSetpoints.Point(T0, 1, 200));
  }

  private static JsonObject withPoints(int count) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < count; i++) {
      points.add(new JsonObject().put("t", MS + i * 100L).put("az", i % 360).put("el", 45));
    }
    return new JsonObject().put("v", 1).put("epoch", 3).put("points", points);
  }
}
