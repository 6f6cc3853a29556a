package talos.core.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import talos.core.gateway.TopicRules.OperatorFilter;
import talos.protocol.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies the access rules of stations and operators and MQTT filter matching. */
class TopicRulesTest {

  private static final String ORG = "north";
  private static final String ID = "2f0c6d8e-6a53-4c2e-9d7f-1b2a3c4d5e6f";
  private static final String OWN = "talos/north/gs/" + ID + "/";

  @ParameterizedTest
  @ValueSource(strings = {"cmd/#", "cmd/+", "cmd/rot", "cmd/rig", "cmd/session"})
  void testAStationMaySubscribeBelowItsOwnCommands(String suffix) {
    assertThat(TopicRules.stationMaySubscribe(ORG, ID, OWN + suffix)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"talos/north/gs/other/cmd/#", "talos/south/gs/" + ID + "/cmd/#",
      OWN + "#", OWN + "telemetry", OWN + "cmd/", OWN + "cmd", OWN + "cmd/ro#", "talos/+/gs/"
      + ID + "/cmd/#", "#", "$share/g/" + OWN + "cmd/#", "", OWN + "cmd/#/x"})
  void testAStationMayNotSubscribeElsewhere(String filter) {
    assertThat(TopicRules.stationMaySubscribe(ORG, ID, filter)).isFalse();
  }

  @Test
  void testAStationPublishesOnlyOnItsOwnUpwardChannels() {
    assertThat(TopicRules.stationMayPublish(ORG, ID, OWN + "telemetry")).contains(Channel.TELEMETRY);
    assertThat(TopicRules.stationMayPublish(ORG, ID, OWN + "status")).contains(Channel.STATUS);
    assertThat(TopicRules.stationMayPublish(ORG, ID, OWN + "events")).contains(Channel.EVENTS);
    assertThat(TopicRules.stationMayPublish(ORG, ID, OWN + "frames")).contains(Channel.FRAMES);
    assertThat(TopicRules.stationMayPublish(ORG, ID, OWN + "cmd/rot")).isEmpty();
    assertThat(TopicRules.stationMayPublish(ORG, ID, "talos/north/gs/other/telemetry")).isEmpty();
    assertThat(TopicRules.stationMayPublish(ORG, ID, "talos/south/gs/" + ID + "/telemetry"))
        .isEmpty();
    assertThat(TopicRules.stationMayPublish(ORG, ID, OWN + "telemetry/extra")).isEmpty();
    assertThat(TopicRules.stationMayPublish(ORG, ID, "")).isEmpty();
  }

  @Test
  void testAnOperatorMayReadTelemetryStatusAndEventsOfOneOrganisation() {
    assertThat(TopicRules.operatorFilter("talos/north/gs/+/telemetry"))
        .contains(new OperatorFilter("north", null, Channel.TELEMETRY));
    assertThat(TopicRules.operatorFilter("talos/north/gs/" + ID + "/status"))
        .contains(new OperatorFilter("north", ID, Channel.STATUS));
    assertThat(TopicRules.operatorFilter("talos/north/gs/+/events")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"talos/+/gs/+/telemetry", "talos/north/gs/+/frames", "talos/north/gs/+/#",
      "talos/north/gs/+/cmd/rot", "talos/north/gs/#", "talos/#", "#", "other/north/gs/+/status",
      "talos/north/xx/+/status", "$share/g/talos/north/gs/+/status", "talos/north/gs/+/status/x"})
  void testAnOperatorMayNotReadAnythingElse(String filter) {
    assertThat(TopicRules.operatorFilter(filter)).isEmpty();
  }

  @Test
  void testAnOperatorFilterCoversOnlyItsOrganisationStationAndChannel() {
    OperatorFilter all = new OperatorFilter("north", null, Channel.STATUS);
    OperatorFilter one = new OperatorFilter("north", ID, Channel.STATUS);

    assertThat(all.covers("north", "any", Channel.STATUS)).isTrue();
    assertThat(all.covers("south", "any", Channel.STATUS)).isFalse();
    assertThat(all.covers("north", "any", Channel.TELEMETRY)).isFalse();
    assertThat(one.covers("north", ID, Channel.STATUS)).isTrue();
    assertThat(one.covers("north", "other", Channel.STATUS)).isFalse();
  }

  @Test
  void testFiltersMatchAsMqttSays() {
    assertThat(TopicRules.matches("a/+/c", "a/b/c")).isTrue();
    assertThat(TopicRules.matches("a/#", "a/b/c")).isTrue();
    assertThat(TopicRules.matches("a/#", "a")).isTrue();
    assertThat(TopicRules.matches("a/+", "a/b/c")).isFalse();
    assertThat(TopicRules.matches("a/b", "a/b/c")).isFalse();
    assertThat(TopicRules.matches("a/b/c", "a/b")).isFalse();
    assertThat(TopicRules.isValidFilter("a/#/b")).isFalse();
    assertThat(TopicRules.isValidFilter("a/b+")).isFalse();
  }
}
