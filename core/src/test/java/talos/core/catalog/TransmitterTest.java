package talos.core.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Verifies how transmitter lists in SatNOGS DB's format are read, and the built-in sample's list. */
class TransmitterTest {

  @Test
  void testEntriesWithoutAnIdOrNoradIdAreSkippedAndOddValuesNeutralised() {
    JsonArray entries = new JsonArray()
        .add(new JsonObject().put("uuid", "a").put("norad_cat_id", 25544).put("description", "APRS")
            .put("downlink_low", 145_825_000L).put("uplink_low", 145_825_000L).put("mode", "AFSK")
            .put("baud", 1200).put("status", "active"))
        .add(new JsonObject().put("uuid", "b").put("norad_cat_id", 25544).put("downlink_low", 0)
            .put("downlink_high", -5).put("baud", "fast").put("status", "sometimes"))
        .add(new JsonObject().put("norad_cat_id", 25544).put("downlink_low", 437_800_000L))
        .add(new JsonObject().put("uuid", "c").put("norad_cat_id", "25544"))
        .add("not an object");

    assertThat(Transmitter.fromSatnogs(entries))
        .extracting(Transmitter::id, Transmitter::downlinkLow, Transmitter::downlinkHigh, Transmitter::baud,
            Transmitter::status, Transmitter::description)
        .containsExactly(
            tuple("a", 145_825_000L, null, 1200.0, "active", "APRS"),
            tuple("b", null, null, null, "invalid", ""));
  }

  @Test
  void testEverySampleTransmitterBelongsToASampleSatelliteAndHasADownlink() throws IOException {
    Set<Integer> sampleSatellites = TleParser.parse(resource(FileSource.SAMPLE)).accepted().stream()
        .map(ElementSet::noradId).collect(Collectors.toSet());
    JsonArray entries = new JsonArray(resource(FileSource.SAMPLE_TRANSMITTERS));

    var transmitters = Transmitter.fromSatnogs(entries);

    assertThat(transmitters).hasSize(entries.size()).allSatisfy(transmitter -> {
      assertThat(sampleSatellites).contains(transmitter.noradId());
      assertThat(transmitter.downlinkLow()).isPositive();
      assertThat(transmitter.status()).isEqualTo("active");
    });
    assertThat(transmitters.stream().map(Transmitter::noradId).collect(Collectors.toSet()))
        .as("every sample satellite can be tuned to")
        .isEqualTo(sampleSatellites);
    assertThat(transmitters.stream().map(Transmitter::id).distinct()).hasSize(transmitters.size());
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = TransmitterTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
