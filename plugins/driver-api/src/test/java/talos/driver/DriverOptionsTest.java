package talos.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import talos.driver.OptionSpec.Type;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Verifies how configured driver options are checked, defaulted, read and shown. */
class DriverOptionsTest {

  private static final DriverDescriptor SERIAL = descriptor(
      OptionSpec.required("port", Type.STRING, "serial device, such as /dev/ttyUSB0"),
      OptionSpec.of("baud", Type.INTEGER, "9600", "line speed in bits per second"),
      OptionSpec.of("offset", Type.DECIMAL, "0.0", "azimuth offset in degrees"),
      OptionSpec.of("echo", Type.BOOLEAN, "false", "whether the device echoes commands"),
      OptionSpec.of("timeout", Type.DURATION, "2s", "how long to wait for an answer"),
      new OptionSpec("label", Type.STRING, null, false, false, "free text, optional"),
      OptionSpec.secret("password", "network password of the controller"));

  /** Options not configured take their defaults; optional ones without a default stay unset. */
  @Test
  void fillsInDefaults() {
    // GIVEN only the required option
    Map<String, String> configured = Map.of("port", "/dev/ttyUSB0");

    // WHEN the options are checked
    DriverOptions options = DriverOptions.of(SERIAL, configured);

    // THEN the others have their defaults, typed
    assertThat(options.string("port")).isEqualTo("/dev/ttyUSB0");
    assertThat(options.integer("baud")).isEqualTo(9600);
    assertThat(options.decimal("offset")).isZero();
    assertThat(options.bool("echo")).isFalse();
    assertThat(options.duration("timeout")).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.has("label")).isFalse();
    assertThat(options.string("label")).isNull();
    assertThat(options.has("password")).isFalse();
  }

  /** Configured values win over defaults and are read as their type. */
  @Test
  void readsConfiguredValues() {
    // GIVEN every option configured
    Map<String, String> configured = Map.of("port", "/dev/ttyS1", "baud", "115200",
        "offset", "-2.5", "echo", "true", "timeout", "250ms", "label", "roof",
        "password", "hunter2");

    // WHEN the options are checked
    DriverOptions options = DriverOptions.of(SERIAL, configured);

    // THEN each reads back as configured
    assertThat(options.integer("baud")).isEqualTo(115_200);
    assertThat(options.decimal("offset")).isEqualTo(-2.5);
    assertThat(options.bool("echo")).isTrue();
    assertThat(options.duration("timeout")).isEqualTo(Duration.ofMillis(250));
    assertThat(options.string("label")).isEqualTo("roof");
    assertThat(options.string("password")).isEqualTo("hunter2");
  }

  /** Durations are read in short units or ISO-8601. */
  @ParameterizedTest
  @CsvSource({"250ms, PT0.25S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "PT1M30S, PT1M30S",
      "pt5s, PT5S", "' 3s ', PT3S", "0ms, PT0S"})
  void readsDurationsInEveryForm(String text, String expected) {
    // GIVEN a duration option set to the text
    Map<String, String> configured = Map.of("port", "COM3", "timeout", text);

    // WHEN it is read
    Duration timeout = DriverOptions.of(SERIAL, configured).duration("timeout");

    // THEN it is the expected duration
    assertThat(timeout).isEqualTo(Duration.parse(expected));
  }

  /** toString shows the options in declaration order and hides secrets. */
  @Test
  void hidesSecretsWhenShown() {
    // GIVEN options with a password
    Map<String, String> configured = new LinkedHashMap<>();
    configured.put("password", "hunter2");
    configured.put("port", "/dev/ttyUSB0");

    // WHEN they are shown
    String shown = DriverOptions.of(SERIAL, configured).toString();

    // THEN the password is masked and everything else is in declaration order
    assertThat(shown).isEqualTo("{port=/dev/ttyUSB0, baud=9600, offset=0.0, echo=false, "
        + "timeout=2s, password=***}");
    assertThat(shown).doesNotContain("hunter2");
  }

  /** A secret of the wrong type is refused without showing its value. */
  @Test
  void hidesASecretValueWhenRefusingIt() {
    // GIVEN a secret numeric PIN set to text
    DriverDescriptor descriptor = descriptor(
        new OptionSpec("pin", Type.INTEGER, null, true, true, "controller PIN"));

    // WHEN it is checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(descriptor, Map.of("pin", "secret-1234")));

    // THEN the failure names the option but masks the value
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessageContaining("'pin' is ***").hasMessageNotContaining("secret-1234");
  }

  /** An option the driver does not take is refused, with the options it does take. */
  @Test
  void refusesAnUnknownOption() {
    // GIVEN a misspelt option
    Map<String, String> configured = Map.of("port", "/dev/ttyUSB0", "baudrate", "9600");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(SERIAL, configured));

    // THEN the failure names it and lists the real ones
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessage("driver serial has no option 'baudrate'; it takes port, baud, "
        + "offset, echo, timeout, label, password");
  }

  /** A driver without options says so when given one. */
  @Test
  void refusesAnyOptionForADriverWithoutOptions() {
    // GIVEN a driver that takes no options
    DriverDescriptor descriptor = descriptor();

    // WHEN it is given one
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(descriptor, Map.of("port", "x")));

    // THEN the failure says it takes none
    assertThat(refused).hasMessageEndingWith("it takes no options");
  }

  /** A required option that is missing is refused with its description. */
  @Test
  void refusesAMissingRequiredOption() {
    // GIVEN no port
    Map<String, String> configured = Map.of("baud", "4800");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(SERIAL, configured));

    // THEN the failure names it and says what it is
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessage("driver serial needs option 'port': serial device, such as "
        + "/dev/ttyUSB0");
  }

  /** A value of the wrong type is refused, naming the option, the value and the type wanted. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "baud    | 9600.5 | a whole number",
      "baud    | fast   | a whole number",
      "offset  | north  | a number",
      "offset  | NaN    | a number",
      "offset  | Infinity | a number",
      "echo    | yes    | true or false",
      "echo    | TRUE   | true or false",
      "timeout | soon   | a duration such as 250ms, 5s or 2m",
      "timeout | 5d     | a duration such as 250ms, 5s or 2m",
      "timeout | ms     | a duration such as 250ms, 5s or 2m",
      "timeout | P5X    | a duration such as 250ms, 5s or 2m"})
  void refusesAValueOfTheWrongType(String option, String value, String wanted) {
    // GIVEN a badly typed value
    Map<String, String> configured = Map.of("port", "/dev/ttyUSB0", option, value);

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(SERIAL, configured));

    // THEN the failure names option, value and type
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessage("driver serial option '" + option + "' is '" + value
        + "'; it must be " + wanted);
  }

  /** Reading a typed option that is not set fails as configuration, naming it. */
  @Test
  void refusesToReadAnUnsetOptionAsAType() {
    // GIVEN options without a label
    DriverOptions options = DriverOptions.of(SERIAL, Map.of("port", "/dev/ttyUSB0"));

    // WHEN the label is read as a number
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> options.integer("label"));

    // THEN it fails naming the option
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessage("option 'label' is not set");
  }

  private static DriverDescriptor descriptor(OptionSpec... options) {
    return new DriverDescriptor("serial", "1.0", "a serial rotator",
        new RotatorCapabilities(new Range(0, 360), new Range(0, 90),
            Set.of(RotatorOperation.GET_POSITION), 0, 0),
        null, List.of(options));
  }
}
