package talos.driver.serial;

import com.fazecast.jSerialComm.SerialPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.DriverContext;
import talos.driver.DriverDescriptor;
import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.DriverProvider;
import talos.driver.FailureCode;
import talos.driver.Range;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Verifies how the agent finds the serial driver, what it describes and how it checks options. */
class SerialProviderTest {

  private static final Map<String, String> REQUIRED = Map.of("protocol", "gs232b",
      "port", "/dev/ttyUSB0");

  @TempDir
  Path folder;

  private final SerialBench bench = new SerialBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  private static Map<String, String> with(String option, String value) {
    Map<String, String> options = new HashMap<>(REQUIRED);
    options.put(option, value);
    return options;
  }

  private SerialSettings settings(Map<String, String> configured) {
    return SerialSettings.from(DriverOptions.of(bench.provider.descriptor(), configured));
  }

  /** ServiceLoader finds the provider on the class path through its META-INF/services entry. */
  @Test
  void isFoundByServiceLoader() {
    // GIVEN the class path with the serial driver on it
    ServiceLoader<DriverProvider> loader = ServiceLoader.load(DriverProvider.class);

    // WHEN the agent looks for drivers
    var found = loader.stream().map(ServiceLoader.Provider::get)
        .filter(provider -> provider.descriptor().name().equals("serial")).toList();

    // THEN it finds exactly this one
    assertThat(found).singleElement().isInstanceOf(SerialProvider.class);
  }

  /**
   * The plugin's jars in a plugins folder, loaded the way the agent loads it (one class loader for
   * the folder above one with the API and SLF4J), hold the provider, its version and jSerialComm.
   */
  @Test
  void isFoundByServiceLoaderFromAPluginsFolder() throws Exception {
    // GIVEN the plugin packed as a jar with a version, beside jSerialComm's jar, in a folder
    Path plugins = Files.createDirectory(folder.resolve("plugins"));
    pluginJar(plugins, "7.8.9");
    Files.copy(Path.of(SerialPort.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()), plugins.resolve("jSerialComm.jar"));
    URL[] jars;
    try (Stream<Path> files = Files.list(plugins)) {
      jars = files.sorted().map(SerialProviderTest::url).toArray(URL[]::new);
    }
    try (URLClassLoader agent = new URLClassLoader(new URL[] {location(DriverProvider.class),
        location(LoggerFactory.class)}, ClassLoader.getPlatformClassLoader());
         URLClassLoader loader = new URLClassLoader("talos-plugins", jars, agent)) {

      // WHEN the agent's loader looks for drivers in it
      Class<?> spi = agent.loadClass(DriverProvider.class.getName());
      List<?> providers = ServiceLoader.load(spi, loader).stream()
          .map(ServiceLoader.Provider::get).toList();

      // THEN it finds the serial provider, from the jar, with the jar's version, and the serial
      // library beside it
      assertThat(providers).singleElement().satisfies(provider -> {
        assertThat(provider.getClass().getName()).isEqualTo(SerialProvider.class.getName());
        assertThat(provider.getClass().getClassLoader()).isSameAs(loader);
        Object descriptor = spi.getMethod("descriptor").invoke(provider);
        assertThat(descriptor.getClass().getMethod("name").invoke(descriptor)).isEqualTo("serial");
        assertThat(descriptor.getClass().getMethod("version").invoke(descriptor))
            .isEqualTo("7.8.9");
      });
      assertThat(loader.loadClass(SerialPort.class.getName()).getClassLoader()).isSameAs(loader);
    }
  }

  /** The descriptor names the driver, runs a rotator only and documents every option. */
  @Test
  void describesARotator() {
    // GIVEN the provider
    DriverDescriptor descriptor = new SerialProvider().descriptor();

    // WHEN its descriptor is read
    // THEN it names serial, runs rotators, and only protocol and port are required
    assertThat(descriptor.name()).isEqualTo("serial");
    assertThat(descriptor.version()).isEqualTo("dev");
    assertThat(descriptor.kinds()).containsExactly(DeviceKind.ROTATOR);
    assertThat(descriptor.rotator().azimuth()).isEqualTo(new Range(-180, 540));
    assertThat(descriptor.options()).allSatisfy(option -> {
      assertThat(option.secret()).isFalse();
      assertThat(option.description()).isNotBlank();
      assertThat(option.required()).isEqualTo(option.name().equals("protocol")
          || option.name().equals("port"));
    });
    assertThat(descriptor.options()).extracting(option -> option.name())
        .contains("protocol", "port", "baud", "dataBits", "parity", "stopBits", "timeout",
            "writeGap", "pollInterval", "openDelay", "retries", "reconnectInitial",
            "reconnectMax");
    assertThat(new SerialProvider().descriptor()).isSameAs(descriptor);
  }

  /** With only the protocol and the port, a rotator gets 9600 8N1 and the other defaults. */
  @Test
  void fillsInDefaults() {
    // GIVEN the required options only
    // WHEN the settings are read
    SerialSettings settings = settings(REQUIRED);

    // THEN they are the defaults
    assertThat(settings.protocol()).isEqualTo(Protocol.GS232B);
    assertThat(settings.line()).isEqualTo("gs232b on /dev/ttyUSB0 at 9600 8N1");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.writeGap()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.openDelay()).isZero();
    assertThat(settings.retries()).isEqualTo(1);
    assertThat(settings.azimuth()).isEqualTo(new Range(0, 360));
    assertThat(settings.elevation()).isEqualTo(new Range(0, 90));
    assertThat(settings.characterTime()).isEqualTo(Duration.ofNanos(1_041_667));
  }

  /** Line parameters other than 8N1 are taken and shown; a character takes longer with parity. */
  @Test
  void takesOtherLineParameters() {
    // GIVEN 1200 baud, 7 data bits, even parity, 2 stop bits
    SerialSettings settings = settings(Map.of("protocol", "easycomm2", "port", "COM3",
        "baud", "1200", "dataBits", "7", "parity", "EVEN", "stopBits", "2"));

    // WHEN they are shown
    // THEN they read as a serial line is usually written
    assertThat(settings.line()).isEqualTo("easycomm2 on COM3 at 1200 7E2");
    assertThat(settings.characterTime()).isEqualTo(Duration.ofNanos(9_166_667));
  }

  /** A missing required option is refused, saying what it is. */
  @Test
  void refusesAMissingProtocol() {
    // GIVEN no protocol
    Map<String, String> configured = Map.of("port", "/dev/ttyUSB0");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(bench.provider.descriptor(), configured));

    // THEN the failure names it and the protocols
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessage("driver serial needs option 'protocol': the controller's"
        + " command set: gs232a, gs232b or easycomm2");
  }

  /** Values of the right type that cannot work are refused when the rotator is created. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "protocol|gs232|gs232a, gs232b or easycomm2",
      "protocol|yaesu|gs232a, gs232b or easycomm2",
      "port|' '|a serial device such as /dev/ttyUSB0",
      "baud|9601|one of 150, 300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200",
      "dataBits|9|from 5 to 8",
      "parity|n|one of none, even, odd, mark or space",
      "stopBits|3|one of 1, 1.5 or 2",
      "timeout|10ms|from 50ms to 60s",
      "writeGap|6s|from 0ms to 5s",
      "pollInterval|50ms|0ms (never) or from 100ms to 1h",
      "openDelay|1m|from 0ms to 30s",
      "retries|11|from 0 to 10",
      "reconnectInitial|1ms|from 10ms to 1h",
      "reconnectMax|100ms|from reconnectInitial (500ms) to 1h",
      "azimuthMax|460|within [0, 450] (what gs232b can command)",
      "azimuthMin|-10|within [0, 450] (what gs232b can command)",
      "elevationMax|181|within [0, 180] (what gs232b can command)",
      "azimuthMax|0|above azimuthMin (0)",
      "elevationRate|-1|0 (unknown) or above"})
  void refusesAnOptionThatCannotWork(String option, String value, String allowed) {
    // GIVEN options that are well typed but impossible
    DriverContext checked = new DriverContext("rotator",
        DriverOptions.of(bench.provider.descriptor(), with(option, value)), bench.executor,
        Clock.systemUTC());

    // WHEN a rotator is created with them
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> bench.provider.createRotator(checked));

    // THEN it is refused as configuration, naming the option, the value and what is allowed
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessageContaining("driver serial option '" + option + "' is '"
        + value + "'; it must be " + allowed);
  }

  /** Easycomm commands a wider travel than GS-232, negative azimuths included. */
  @Test
  void takesAWiderTravelForEasycomm() {
    // GIVEN an Easycomm rotator turning from -180 to 540
    SerialSettings settings = settings(Map.of("protocol", "easycomm2", "port", "/dev/ttyACM0",
        "azimuthMin", "-180", "azimuthMax", "540"));

    // WHEN its travel is read
    // THEN it is as configured
    assertThat(settings.azimuth()).isEqualTo(new Range(-180, 540));
  }

  private void pluginJar(Path plugins, String version) throws IOException, URISyntaxException {
    Path classes = Path.of(SerialProvider.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path jar = plugins.resolve("talos-driver-serial-" + version + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file, manifest);
         Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static URL location(Class<?> type) throws IOException, URISyntaxException {
    return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
  }
}
