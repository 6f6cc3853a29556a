package talos.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import talos.protocol.Channel.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies each channel's topic suffix, direction, quality of service and retention. */
class ChannelTest {

  /** Each channel has the direction, QoS and retention the specification gives it. */
  @ParameterizedTest
  @CsvSource({
      "ROTATOR, cmd/rot, TO_STATION, 0, false",
      "RADIO, cmd/rig, TO_STATION, 0, false",
      "SESSION, cmd/session, TO_STATION, 1, false",
      "TELEMETRY, telemetry, FROM_STATION, 1, false",
      "STATUS, status, FROM_STATION, 1, true",
      "EVENTS, events, FROM_STATION, 1, false",
      "FRAMES, frames, FROM_STATION, 1, false"})
  void hasItsDocumentedProperties(Channel channel, String suffix, Direction direction, int qos,
                                  boolean retained) {
    // GIVEN a channel
    // WHEN its properties are read
    // THEN they are the documented ones
    assertThat(channel.suffix()).isEqualTo(suffix);
    assertThat(channel.direction()).isEqualTo(direction);
    assertThat(channel.qos()).isEqualTo(qos);
    assertThat(channel.retained()).isEqualTo(retained);
  }

  /** Every command channel lies under cmd/, so one filter covers a station's commands. */
  @ParameterizedTest
  @EnumSource(Channel.class)
  void putsCommandsUnderCmd(Channel channel) {
    // GIVEN a channel
    // WHEN its suffix is read
    // THEN it is under cmd/ exactly when it goes to the station
    assertThat(channel.suffix().startsWith("cmd/"))
        .isEqualTo(channel.direction() == Direction.TO_STATION);
    assertThat(Channel.ofSuffix(channel.suffix())).isEqualTo(channel);
  }

  /** An unknown suffix is no channel. */
  @Test
  void knowsNoOtherSuffix() {
    // GIVEN suffixes that are not channels
    // WHEN they are looked up
    // THEN none is found
    assertThat(Channel.ofSuffix("cmd/antenna")).isNull();
    assertThat(Channel.ofSuffix("cmd")).isNull();
    assertThat(Channel.ofSuffix("")).isNull();
  }
}
