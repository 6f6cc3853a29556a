package talos.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import talos.protocol.ReceivedFrames.Frame;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.carry;
import static talos.protocol.Wire.refusal;

/** Verifies received frames on the wire: both forms, the limits, and every refusal. */
class ReceivedFramesTest {

  private static final Instant T0 = Instant.parse("2026-03-20T12:00:00Z");
  private static final byte[] PACKET = {0x08, 0x01, (byte) 0xc0, 0x00, 0x00, 0x03, 1, 2, 3, 4};

  /** A batch reads back equal, the bytes included. */
  @Test
  void roundTripsABatch() {
    ReceivedFrames sent = new ReceivedFrames(List.of(
        new Frame(T0, 25544, "pass-42", 437_800_000L, PACKET, -112.5, 9.2),
        new Frame(T0.plusMillis(500), 25544, null, null, new byte[] {42}, null, null)));

    ReceivedFrames received = ReceivedFrames.fromJson(carry(sent.toJson()));

    assertThat(received.frames()).hasSize(2);
    Frame first = received.frames().get(0);
    assertThat(first.data()).containsExactly(PACKET);
    assertThat(first.time()).isEqualTo(T0);
    assertThat(first.session()).isEqualTo("pass-42");
    assertThat(first.frequency()).isEqualTo(437_800_000L);
    assertThat(first.rssi()).isEqualTo(-112.5);
    assertThat(received.frames().get(1).session()).isNull();
  }

  /** A single frame may come without the batch around it. */
  @Test
  void readsTheSingleFrameForm() {
    JsonObject single = new JsonObject().put("v", 1).put("t", T0.toEpochMilli())
        .put("noradId", 43017).put("data", Base64.getEncoder().encodeToString(PACKET));

    ReceivedFrames received = ReceivedFrames.fromJson(carry(single));

    assertThat(received.frames()).singleElement()
        .satisfies(frame -> assertThat(frame.noradId()).isEqualTo(43017));
  }

  /** Each bad field is refused by its path in the batch. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "t          | 'soon'          | frames[0].t",
      "noradId    | 0               | frames[0].noradId",
      "data       | 'not base64!'   | frames[0].data",
      "data       | ''              | frames[0].data",
      "frequency  | -5              | frames[0].frequency",
      "rssi       | 300             | frames[0].rssi",
      "snr        | 'loud'          | frames[0].snr",
      "session    | ''              | frames[0].session"})
  void refusesABadField(String field, String value, String path) {
    JsonObject frame = new Frame(T0, 25544, "pass-42", 1L, PACKET, 1.0, 1.0).toJson();
    frame.put(field, value.matches("-?\\d+") ? (Object) Long.parseLong(value) : value);
    JsonObject message = new JsonObject().put("frames", new JsonArray().add(frame));

    refusal(path, () -> ReceivedFrames.fromJson(message));
  }

  /** A batch holds 1 to 100 frames, and a frame at most 16 KiB. */
  @Test
  void refusesBatchesAndFramesOutsideTheLimits() {
    JsonArray many = new JsonArray();
    for (int i = 0; i <= ReceivedFrames.MAX_FRAMES; i++) {
      many.add(new Frame(T0, 1, null, null, PACKET, null, null).toJson());
    }
    byte[] huge = new byte[ReceivedFrames.MAX_FRAME_BYTES + 1];

    refusal("frames", () -> ReceivedFrames.fromJson(new JsonObject().put("frames", many)));
    refusal("frames", () -> ReceivedFrames.fromJson(new JsonObject().put("frames", new JsonArray())));
    refusal("data", () -> ReceivedFrames.fromJson(
        new Frame(T0, 1, null, null, huge, null, null).toJson()));
  }
}
