package talos.core.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import talos.protocol.Channel;
import talos.protocol.ProtocolException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies how the gateway checks payloads in both directions, TALOS's plain forms included. */
class PayloadsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void testPlainTalosPositionIsReadAsTelemetryAtReceipt() {
    JsonObject telemetry = Payloads.fromStation(Channel.TELEMETRY,
        Buffer.buffer("{\"az\": 181.5, \"el\": 20}"), NOW);

    assertThat(telemetry.getLong("t")).isEqualTo(NOW.toEpochMilli());
    assertThat(telemetry.getJsonObject("rotator").getDouble("az")).isEqualTo(181.5);
  }

  @Test
  void testPlainTalosStatusTextIsRead() {
    assertThat(Payloads.fromStation(Channel.STATUS, Buffer.buffer("offline\n"), NOW)
        .getString("state")).isEqualTo("offline");
    assertThatThrownBy(() -> Payloads.fromStation(Channel.STATUS, Buffer.buffer("asleep"), NOW))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("one of online offline");
  }

  /** Frames are checked against the protocol and passed on as received. */
  @Test
  void testFramesAreCheckedAndKeptAsReceived() {
    String frame = "{\"t\": 1774008000000, \"noradId\": 25544, \"data\": \"wP/u\"}";
    assertThat(Payloads.fromStation(Channel.FRAMES, Buffer.buffer(frame), NOW))
        .isEqualTo(new JsonObject(frame));
    assertThatThrownBy(() -> Payloads.fromStation(Channel.FRAMES, Buffer.buffer("{\"hex\": \"c0ffee\"}"), NOW))
        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("t ");
    assertThatThrownBy(() -> Payloads.fromStation(Channel.FRAMES, Buffer.buffer("\"c0ffee\""), NOW))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void testCommandsAreCheckedWithTheirChannelsRecord() {
    Payloads.Command plain = Payloads.toStation(Channel.ROTATOR,
        new JsonObject().put("az", 10).put("el", 5), NOW);
    assertThat(plain.bytes().toJsonObject()).isEqualTo(new JsonObject().put("az", 10).put("el", 5));
    assertThat(plain.epoch()).isZero();
    assertThat(Payloads.toStation(Channel.ROTATOR, Fleet.setpoint(10, 5).put("epoch", 7), NOW)
        .epoch()).isEqualTo(7);
    assertThatThrownBy(() -> Payloads.toStation(Channel.ROTATOR, new JsonObject().put("az", 10),
        NOW)).isInstanceOf(ProtocolException.class).hasMessageStartingWith("el (missing)");
    assertThatThrownBy(() -> Payloads.toStation(Channel.SESSION, new JsonObject(), NOW))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> Payloads.toStation(Channel.TELEMETRY, new JsonObject(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
