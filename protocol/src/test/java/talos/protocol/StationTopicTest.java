package talos.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.protocol.Wire.refusal;

/** Verifies the topic layout: names, filters, parsing of every channel and what is refused. */
class StationTopicTest {

  private static final String ORG = "oxford-rf";
  private static final String STATION = "3f2b6c1e-8d4a-4e1b-9a7c-52f0d4b6e911";

  /** Every channel's topic name parses back to the same topic. */
  @ParameterizedTest
  @EnumSource(Channel.class)
  void parsesEveryChannel(Channel channel) {
    // GIVEN a station's topic on the channel
    StationTopic topic = new StationTopic(ORG, STATION, channel);

    // WHEN its name is parsed
    // THEN it is the same topic
    assertThat(topic.name()).isEqualTo("talos/" + ORG + "/gs/" + STATION + "/" + channel.suffix());
    assertThat(StationTopic.parse(topic.name())).contains(topic);
  }

  /** The filters cover a station's commands and one channel of an organisation's stations. */
  @Test
  void buildsTheSubscriptionFilters() {
    // GIVEN a station and its organisation
    // WHEN the filters are built
    // THEN they have the documented shape
    assertThat(StationTopic.prefix(ORG, STATION)).isEqualTo("talos/oxford-rf/gs/" + STATION + "/");
    assertThat(StationTopic.commandFilter(ORG, STATION))
        .isEqualTo("talos/oxford-rf/gs/" + STATION + "/cmd/#");
    assertThat(StationTopic.organisationFilter(ORG, Channel.TELEMETRY))
        .isEqualTo("talos/oxford-rf/gs/+/telemetry");
  }

  /** Wildcards, other roots, unknown channels and malformed levels are not station topics. */
  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "talos/oxford-rf/gs/+/telemetry",
      "talos/+/gs/station-1/telemetry",
      "talos/oxford-rf/gs/station-1/#",
      "talos/oxford-rf/gs/station-1/cmd/#",
      "talos/oxford-rf/gs/station-1/cmd/+",
      "talos/#",
      "satnogs/oxford-rf/gs/station-1/telemetry",
      "Talos/oxford-rf/gs/station-1/telemetry",
      "/talos/oxford-rf/gs/station-1/telemetry",
      "talos/oxford-rf/station/station-1/telemetry",
      "talos/oxford-rf/gs/station-1",
      "talos/oxford-rf/gs/station-1/",
      "talos/oxford-rf/gs/station-1/telemetry/",
      "talos/oxford-rf/gs/station-1/cmd",
      "talos/oxford-rf/gs/station-1/cmd/antenna",
      "talos/oxford-rf/gs/station-1/Telemetry",
      "talos/oxford rf/gs/station-1/telemetry",
      "talos//gs/station-1/telemetry",
      "talos/oxford-rf/gs//telemetry",
      "talos/-oxford/gs/station-1/telemetry",
      "talos/oxford-rf/gs/station$1/telemetry",
      "talos/oxford-rf/gs/stätion/telemetry",
      ""})
  void refusesWhatIsNotAStationTopic(String name) {
    // GIVEN a name that is not a station's topic
    // WHEN it is parsed
    // THEN nothing is found
    assertThat(StationTopic.parse(name)).isEmpty();
  }

  /** Levels of 64 characters are accepted; 65 are not. */
  @Test
  void limitsLevelsTo64Characters() {
    // GIVEN a station id of 64 and one of 65 characters
    String longest = "s".repeat(64);
    String tooLong = "s".repeat(65);

    // WHEN topics with them are parsed
    // THEN only the first is a station topic
    assertThat(StationTopic.parse("talos/o/gs/" + longest + "/status")).isPresent();
    assertThat(StationTopic.parse("talos/o/gs/" + tooLong + "/status")).isEmpty();
  }

  /** A topic cannot be built from a bad level or without a channel. */
  @Test
  void refusesToBuildABadTopic() {
    // GIVEN bad organisation and station levels
    // WHEN topics are built from them
    // THEN each is refused naming the level
    ProtocolException org = refusal("org", () -> new StationTopic("+", STATION, Channel.STATUS));
    refusal("station", () -> new StationTopic(ORG, "a/b", Channel.STATUS));
    refusal("station", () -> new StationTopic(ORG, null, Channel.STATUS));
    refusal("channel", () -> new StationTopic(ORG, STATION, null));
    assertThat(org).hasMessage("org \"+\" is not allowed: 1 to 64 letters, digits, '.', '_' or "
        + "'-', starting with a letter or digit");
  }
}
