package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import talos.protocol.Telemetry.DriverReport;
import talos.protocol.Telemetry.Health;
import talos.protocol.Telemetry.Holder;
import talos.protocol.Telemetry.Lock;
import talos.protocol.Telemetry.RadioReading;
import talos.protocol.Telemetry.RotatorReading;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies telemetry on the wire: full and minimal reports and every refusal. */
class TelemetryTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");

  /** A report with pointing, radio and driver health reads back equal. */
  @Test
  void roundTripsAFullReport() {
    // GIVEN a report during a session
    Telemetry sent = new Telemetry(T0, "pass-42", new RotatorReading(123.4, 45.6, true),
        new RadioReading(435_795_123L, 145_935_400L, "USB"), List.of(
            new DriverReport("rotator", "simulator", Health.OK, null,
                Map.of("commands", 120L, "failures", 0L, "reconnects", 0L)),
            new DriverReport("radio", "hamlib", Health.UNAVAILABLE, "rigctld refused connection",
                Map.of("reconnects", 3L))));

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    Telemetry received = Telemetry.fromJson(carry(json));

    // THEN it reads back equal, in the documented shape
    assertThat(received).isEqualTo(sent);
    assertThat(json.getJsonObject("rotator"))
        .isEqualTo(new JsonObject().put("az", 123.4).put("el", 45.6).put("moving", true));
    assertThat(json.getJsonArray("drivers").getJsonObject(1).getString("health"))
        .isEqualTo("unavailable");
  }

  /** A report of a station with no devices reads back equal. */
  @Test
  void roundTripsAMinimalReport() {
    // GIVEN a report with nothing but the time
    Telemetry sent = new Telemetry(T0, null, null, null, null);

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    Telemetry received = Telemetry.fromJson(carry(json));

    // THEN it reads back equal with an empty driver list
    assertThat(received).isEqualTo(sent);
    assertThat(received.drivers()).isEmpty();
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("v", "t", "drivers");
  }

  /** The locks of a station sharing its devices read back equal, in the documented shape. */
  @Test
  void roundTripsTheLocksOfTheFrontDoor() {
    // GIVEN a report whose rotator a local program holds while the radio is free
    Telemetry sent = new Telemetry(T0, null, null, null, null, Map.of(
        "rotator", new Lock(Holder.LOCAL, "127.0.0.1:50412", null, T0.minusSeconds(5)),
        "radio", Lock.free()));

    // WHEN it crosses the wire
    JsonObject json = sent.toJson();
    Telemetry received = Telemetry.fromJson(carry(json));

    // THEN it reads back equal, each lock with only the fields it has
    assertThat(received).isEqualTo(sent);
    assertThat(json.getJsonObject("locks").getJsonObject("rotator")).isEqualTo(new JsonObject()
        .put("holder", "local").put("client", "127.0.0.1:50412")
        .put("since", T0.minusSeconds(5).toEpochMilli()));
    assertThat(json.getJsonObject("locks").getJsonObject("radio"))
        .isEqualTo(new JsonObject().put("holder", "free"));
  }

  /** A report of an agent without a front door carries no locks and reads back with none. */
  @Test
  void leavesOutTheLocksWithoutAFrontDoor() {
    // GIVEN a report of the network's session, as an older agent writes it
    JsonObject json = carry("{\"t\":1,\"session\":\"pass-42\",\"drivers\":[]}");

    // WHEN it is read
    Telemetry received = Telemetry.fromJson(json);

    // THEN it has no locks, and writing it adds none
    assertThat(received.locks()).isEmpty();
    assertThat(received.toJson().containsKey("locks")).isFalse();
  }

  /** A driver's detail longer than the reader accepts is cut before it is sent. */
  @Test
  void cutsALongDriverDetail() {
    // GIVEN a driver whose failure message runs to 300 characters
    Telemetry sent = new Telemetry(T0, null, null, null, List.of(new DriverReport("rotator",
        "hamlib", Health.FAILED, "e".repeat(300), Map.of())));

    // WHEN it crosses the wire
    Telemetry received = Telemetry.fromJson(carry(sent.toJson()));

    // THEN the first 200 characters arrive
    assertThat(received.drivers().get(0).detail()).isEqualTo("e".repeat(200));
  }

  /** A rotator reading without "moving" is read as standing still. */
  @Test
  void readsAMissingMovingFlagAsStill() {
    // GIVEN a rotator reading without the flag
    JsonObject json = carry("{\"t\":1,\"rotator\":{\"az\":10,\"el\":20}}");

    // WHEN it is read
    Telemetry received = Telemetry.fromJson(json);

    // THEN the rotator is still
    assertThat(received.rotator()).isEqualTo(new RotatorReading(10, 20, false));
  }

  /** Each broken field is refused by its path, with the value and the rule. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{}| t | t (missing) is not allowed",
      "{'t':1,'rotator':[1,2]}| rotator | rotator [1,2] is not allowed: a JSON object",
      "{'t':1,'rotator':{'az':600,'el':1}}| rotator.az | rotator.az 600 is not allowed",
      "{'t':1,'rotator':{'az':1}}| rotator.el | rotator.el (missing) is not allowed",
      "{'t':1,'rotator':{'az':1,'el':1,'moving':'yes'}}"
          + "| rotator.moving | rotator.moving \"yes\" is not allowed: true or false",
      "{'t':1,'radio':{'downlink':-1}}| radio.downlink | radio.downlink -1 is not allowed",
      "{'t':1,'radio':{'downlink':1,'mode':''}}| radio.mode | radio.mode \"\" is not allowed",
      "{'t':1,'drivers':{}}| drivers | drivers {} is not allowed: an array of 0 to 16 entries",
      "{'t':1,'drivers':[7]}| drivers[0] | drivers[0] 7 is not allowed: a JSON object",
      "{'t':1,'drivers':[{'driver':'x','health':'ok'}]}| drivers[0].name | drivers[0].name",
      "{'t':1,'drivers':[{'name':'r','driver':'x','health':'sad'}]}"
          + "| drivers[0].health | drivers[0].health \"sad\" is not allowed: one of ok unavailable",
      "{'t':1,'drivers':[{'name':'r','driver':'x','health':'ok','counters':{'commands':-1}}]}"
          + "| drivers[0].counters.commands | drivers[0].counters.commands -1 is not allowed",
      "{'t':1,'drivers':[{'name':'r','driver':'x','health':'ok','counters':5}]}"
          + "| drivers[0].counters | drivers[0].counters 5 is not allowed: a JSON object",
      "{'t':1,'session':''}| session | session \"\" is not allowed",
      "{'t':1,'locks':[]}| locks | locks [] is not allowed: a JSON object",
      "{'t':1,'locks':{'rotator':1}}| locks.rotator | locks.rotator 1 is not allowed: a JSON object",
      "{'t':1,'locks':{'rotator':{'holder':'me'}}}"
          + "| locks.rotator.holder | locks.rotator.holder \"me\" is not allowed: one of free",
      "{'t':1,'locks':{'radio':{'holder':'local','client':''}}}"
          + "| locks.radio.client | locks.radio.client \"\" is not allowed",
      "{'t':1,'locks':{'radio':{'holder':'network','since':-1}}}"
          + "| locks.radio.since | locks.radio.since -1 is not allowed"})
  void refusesABrokenField(String payload, String field, String message) {
    // GIVEN telemetry with one broken field
    JsonObject json = carry(payload.replace('\'', '"'));

    // WHEN it is read
    ProtocolException refused = refusal(field, () -> Telemetry.fromJson(json));

    // THEN the failure names the field and the value
    assertThat(refused).hasMessageStartingWith(message);
  }

  /** A report may carry at most 16 drivers. */
  @Test
  void refusesTooManyDrivers() {
    // GIVEN 17 driver reports
    JsonArray drivers = new JsonArray();
    for (int i = 0; i <= Telemetry.MAX_DRIVERS; i++) {
      drivers.add(new JsonObject().put("name", "d" + i).put("driver", "simulator")
          .put("health", "ok"));
    }
    JsonObject json = new JsonObject().put("t", 1).put("drivers", drivers);

    // WHEN it is read
    ProtocolException refused = refusal("drivers", () -> Telemetry.fromJson(carry(json)));

    // THEN it is refused with the count
    assertThat(refused).hasMessageStartingWith("drivers \"17 entries\" is not allowed");
  }
}
