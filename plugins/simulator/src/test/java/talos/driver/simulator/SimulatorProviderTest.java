package talos.driver.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import talos.driver.DeviceKind;
import talos.driver.DriverDescriptor;
import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.DriverProvider;
import talos.driver.FailureCode;
import talos.driver.Position;
import talos.driver.Range;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Verifies how the agent finds the simulator, what it describes and how it checks its options. */
class SimulatorProviderTest {

  private final SimulatorBench bench = new SimulatorBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  /** ServiceLoader finds the provider through its META-INF/services entry. */
  @Test
  void isFoundByServiceLoader() {
    // GIVEN the classpath with the simulator on it
    ServiceLoader<DriverProvider> loader = ServiceLoader.load(DriverProvider.class);

    // WHEN the agent looks for drivers
    var found = loader.stream().map(ServiceLoader.Provider::get)
        .filter(provider -> provider.descriptor().name().equals("simulator")).toList();

    // THEN it finds exactly this one
    assertThat(found).singleElement().isInstanceOf(SimulatorProvider.class);
  }

  /** The descriptor names the driver, runs both kinds and lists every option with a default. */
  @Test
  void describesARotatorAndARadio() {
    // GIVEN the provider
    DriverDescriptor descriptor = new SimulatorProvider().descriptor();

    // WHEN its descriptor is read
    // THEN it names the simulator, runs both kinds and has a default for every option
    assertThat(descriptor.name()).isEqualTo("simulator");
    assertThat(descriptor.version()).isEqualTo("dev");
    assertThat(descriptor.kinds()).containsExactlyInAnyOrder(DeviceKind.ROTATOR, DeviceKind.RADIO);
    assertThat(descriptor.rotator().azimuth()).isEqualTo(new Range(0, 450));
    assertThat(descriptor.rotator().elevation()).isEqualTo(new Range(0, 180));
    assertThat(descriptor.rotator().azimuthRate()).isEqualTo(6);
    assertThat(descriptor.radio().modes()).contains("FM", "PKTUSB");
    assertThat(descriptor.options()).allSatisfy(option -> {
      assertThat(option.defaultValue()).isNotNull();
      assertThat(option.required()).isFalse();
      assertThat(option.description()).isNotBlank();
    });
    assertThat(descriptor.options()).extracting(option -> option.name())
        .contains("azimuthRate", "resolution", "replyDelay", "fault.stall", "fault.slowReplies",
            "fault.disconnectAfter", "frameInterval");
    assertThat(new SimulatorProvider().descriptor()).isSameAs(descriptor);
  }

  /** With no options the rotator has the documented defaults. */
  @Test
  void fillsInDefaults() {
    // GIVEN no configured options
    DriverOptions options = DriverOptions.of(bench.provider.descriptor(), Map.of());

    // WHEN the settings are read
    SimulatorSettings settings = SimulatorSettings.from(options);

    // THEN they are the defaults
    assertThat(settings.azimuth()).isEqualTo(new Range(0, 450));
    assertThat(settings.elevation()).isEqualTo(new Range(0, 180));
    assertThat(settings.azimuthRate()).isEqualTo(6);
    assertThat(settings.elevationRate()).isEqualTo(6);
    assertThat(settings.resolution()).isEqualTo(0.1);
    assertThat(settings.park()).isEqualTo(new Position(0, 90));
    assertThat(settings.start()).isEqualTo(new Position(0, 90));
    assertThat(settings.replyDelay()).hasMillis(5);
    assertThat(settings.stall()).isFalse();
    assertThat(settings.slowReplies()).isZero();
    assertThat(settings.disconnectAfter()).isZero();
    assertThat(settings.frameInterval()).hasSeconds(2);
  }

  /** An option of the wrong type is refused, naming the option and the value. */
  @Test
  void refusesAnOptionOfTheWrongType() {
    // GIVEN a slew rate that is not a number
    Map<String, String> configured = Map.of("azimuthRate", "fast");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> bench.context("rotator", configured));

    // THEN it is a configuration failure naming both
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessageContaining("'azimuthRate'").hasMessageContaining("'fast'");
  }

  /** An option the simulator does not take is refused. */
  @Test
  void refusesAnUnknownOption() {
    // GIVEN an option from another driver
    Map<String, String> configured = Map.of("port", "/dev/ttyUSB0");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> bench.context("rotator", configured));

    // THEN it is a configuration failure naming it
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessageContaining("'port'");
  }

  /** Values of the right type that cannot work are refused when a device is created. */
  @ParameterizedTest
  @CsvSource({
      "azimuthRate, 0",
      "elevationRate, -3",
      "resolution, 0",
      "azimuthMax, -10",
      "azimuthMax, 600",
      "azimuthMin, -200",
      "elevationMin, -95",
      "elevationMax, 0",
      "parkElevation, 200",
      "parkAzimuth, 451",
      "startAzimuth, 500",
      "startElevation, -1",
      "replyDelay, -5ms",
      "fault.slowReplies, -1s",
      "fault.disconnectAfter, -1",
      "frameInterval, 5ms",
      "frameInterval, -2s",
      "frameInterval, often"})
  void refusesAnOptionThatCannotWork(String option, String value) {
    // GIVEN options that are well typed but impossible
    var context = bench.context("rotator", Map.of(option, value));

    // WHEN a rotator and a radio are created with them
    DriverException rotator = catchThrowableOfType(DriverException.class,
        () -> bench.provider.createRotator(context));
    DriverException radio = catchThrowableOfType(DriverException.class,
        () -> bench.provider.createRadio(context));

    // THEN both are refused as configuration, naming the option and the value
    assertThat(rotator.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(rotator).hasMessageContaining("'" + option + "'")
        .hasMessageContaining("'" + value + "'").hasMessageContaining("it must be");
    assertThat(radio.code()).isEqualTo(FailureCode.CONFIGURATION);
  }
}
