package talos.driver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verifies what a driver descriptor says about the kinds of device and the options it has. */
class DriverDescriptorTest {

  private static final RotatorCapabilities ROTATOR = new RotatorCapabilities(new Range(0, 450),
      new Range(0, 180), EnumSet.allOf(RotatorOperation.class), 6, 6);
  private static final RadioCapabilities RADIO = new RadioCapabilities(
      List.of(new Range(144e6, 146e6), new Range(430e6, 440e6)), Set.of("FM", "USB"),
      EnumSet.of(RadioOperation.SET_FREQUENCY, RadioOperation.GET_FREQUENCY));

  /** A driver with only rotator capabilities runs rotators only. */
  @Test
  void aRotatorDriverRunsRotators() {
    // GIVEN rotator capabilities only
    DriverDescriptor descriptor = new DriverDescriptor("gs232", "1.0", "Yaesu GS-232", ROTATOR,
        null, List.of());

    // WHEN its kinds are read
    // THEN it is a rotator driver
    assertThat(descriptor.kinds()).containsExactly(DeviceKind.ROTATOR);
  }

  /** A driver with only radio capabilities runs radios only. */
  @Test
  void aRadioDriverRunsRadios() {
    // GIVEN radio capabilities only
    DriverDescriptor descriptor = new DriverDescriptor("civ", "1.0", "Icom CI-V", null, RADIO,
        List.of());

    // WHEN its kinds are read
    // THEN it is a radio driver
    assertThat(descriptor.kinds()).containsExactly(DeviceKind.RADIO);
  }

  /** A driver with both capabilities runs both kinds. */
  @Test
  void aDriverWithBothRunsBoth() {
    // GIVEN both capabilities
    DriverDescriptor descriptor = new DriverDescriptor("hamlib", "4.6", "Hamlib daemons", ROTATOR,
        RADIO, List.of());

    // WHEN its kinds are read
    // THEN it runs both
    assertThat(descriptor.kinds()).containsExactlyInAnyOrder(DeviceKind.ROTATOR, DeviceKind.RADIO);
  }

  /** A driver that runs nothing is a programming error, refused at once. */
  @Test
  void refusesADriverThatRunsNothing() {
    // GIVEN no capabilities at all
    // WHEN a descriptor is made
    // THEN it is refused, naming the driver
    assertThatThrownBy(() -> new DriverDescriptor("empty", "1.0", "nothing", null, null,
        List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("driver empty runs neither a rotator nor a radio");
  }

  /** Options are looked up by name and the list cannot change afterwards. */
  @Test
  void findsOptionsByNameAndKeepsThemFixed() {
    // GIVEN a descriptor made from a list that is changed later
    List<OptionSpec> options = new ArrayList<>(List.of(
        OptionSpec.of("host", OptionSpec.Type.STRING, "localhost", "rotctld host")));
    DriverDescriptor descriptor = new DriverDescriptor("rotctld", "1.0", "rotctld", ROTATOR, null,
        options);
    options.add(OptionSpec.of("port", OptionSpec.Type.INTEGER, "4533", "rotctld port"));

    // WHEN options are looked up
    // THEN only the original one is there
    assertThat(descriptor.option("host").defaultValue()).isEqualTo("localhost");
    assertThat(descriptor.option("port")).isNull();
    assertThat(descriptor.options()).hasSize(1);
    assertThatThrownBy(() -> descriptor.options().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** Capabilities answer which operations are offered and which frequencies are tuned. */
  @Test
  void capabilitiesAnswerWhatIsSupported() {
    // GIVEN the rotator and radio capabilities above
    // WHEN they are asked
    // THEN operations and frequency ranges are answered inclusively
    assertThat(ROTATOR.supports(RotatorOperation.PARK)).isTrue();
    assertThat(RADIO.supports(RadioOperation.SET_MODE)).isFalse();
    assertThat(RADIO.tunes(145_800_000L)).isTrue();
    assertThat(RADIO.tunes(440_000_000L)).isTrue();
    assertThat(RADIO.tunes(200_000_000L)).isFalse();
  }

  /** Option specs made by the factories are marked as they say. */
  @Test
  void optionFactoriesSetTheirFlags() {
    // GIVEN one option of each kind
    OptionSpec plain = OptionSpec.of("baud", OptionSpec.Type.INTEGER, "9600", "speed");
    OptionSpec required = OptionSpec.required("port", OptionSpec.Type.STRING, "device");
    OptionSpec secret = OptionSpec.secret("password", "controller password");

    // WHEN their flags are read
    // THEN each says what it is
    assertThat(plain.required()).isFalse();
    assertThat(plain.secret()).isFalse();
    assertThat(required.required()).isTrue();
    assertThat(required.defaultValue()).isNull();
    assertThat(secret.secret()).isTrue();
    assertThat(secret.type()).isEqualTo(OptionSpec.Type.STRING);
    assertThat(secret.required()).isFalse();
  }
}
