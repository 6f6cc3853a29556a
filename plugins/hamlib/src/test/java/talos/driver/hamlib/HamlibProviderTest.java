package talos.driver.hamlib;

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

/** Verifies how the agent finds the Hamlib driver, what it describes and how it checks options. */
class HamlibProviderTest {

  @TempDir
  Path folder;

  private final HamlibBench bench = new HamlibBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  private HamlibSettings settings(DeviceKind kind, Map<String, String> configured) {
    return HamlibSettings.from(DriverOptions.of(bench.provider.descriptor(), configured), kind);
  }

  /** ServiceLoader finds the provider on the class path through its META-INF/services entry. */
  @Test
  void isFoundByServiceLoader() {
    // GIVEN the class path with the Hamlib driver on it
    ServiceLoader<DriverProvider> loader = ServiceLoader.load(DriverProvider.class);

    // WHEN the agent looks for drivers
    var found = loader.stream().map(ServiceLoader.Provider::get)
        .filter(provider -> provider.descriptor().name().equals("hamlib")).toList();

    // THEN it finds exactly this one
    assertThat(found).singleElement().isInstanceOf(HamlibProvider.class);
  }

  /**
   * The plugin jar alone, loaded the way the agent loads its plugins folder (a class loader of its
   * own above one with the API and SLF4J), holds the provider and its version.
   */
  @Test
  void isFoundByServiceLoaderFromItsJar() throws Exception {
    // GIVEN the plugin's classes and service entry packed as a jar, with a version in its manifest
    Path jar = pluginJar("7.8.9");
    try (URLClassLoader agent = new URLClassLoader(new URL[] {location(DriverProvider.class),
        location(LoggerFactory.class)}, ClassLoader.getPlatformClassLoader());
         URLClassLoader plugins = new URLClassLoader(new URL[] {jar.toUri().toURL()}, agent)) {

      // WHEN the agent's loader looks for drivers in it
      Class<?> spi = agent.loadClass(DriverProvider.class.getName());
      List<?> providers = ServiceLoader.load(spi, plugins).stream()
          .map(ServiceLoader.Provider::get).toList();

      // THEN it finds the Hamlib provider, loaded from the jar, with the jar's version
      assertThat(providers).singleElement().satisfies(provider -> {
        assertThat(provider.getClass().getName()).isEqualTo(HamlibProvider.class.getName());
        assertThat(provider.getClass().getClassLoader()).isSameAs(plugins);
        Object descriptor = spi.getMethod("descriptor").invoke(provider);
        assertThat(descriptor.getClass().getMethod("name").invoke(descriptor)).isEqualTo("hamlib");
        assertThat(descriptor.getClass().getMethod("version").invoke(descriptor))
            .isEqualTo("7.8.9");
      });
    }
  }

  /** The descriptor names the driver, runs both kinds and documents every option. */
  @Test
  void describesARotatorAndARadio() {
    // GIVEN the provider
    DriverDescriptor descriptor = new HamlibProvider().descriptor();

    // WHEN its descriptor is read
    // THEN it names hamlib, runs both kinds, and every option but port has a default
    assertThat(descriptor.name()).isEqualTo("hamlib");
    assertThat(descriptor.version()).isEqualTo("dev");
    assertThat(descriptor.kinds()).containsExactlyInAnyOrder(DeviceKind.ROTATOR, DeviceKind.RADIO);
    assertThat(descriptor.rotator().azimuth()).isEqualTo(new Range(-180, 540));
    assertThat(descriptor.radio().modes()).contains("FM", "USB", "PKTUSB", "D-STAR");
    assertThat(descriptor.options()).allSatisfy(option -> {
      assertThat(option.required()).isFalse();
      assertThat(option.secret()).isFalse();
      assertThat(option.description()).isNotBlank();
      assertThat(option.defaultValue() != null || option.name().equals("port")).isTrue();
    });
    assertThat(descriptor.options()).extracting(option -> option.name())
        .contains("host", "port", "timeout", "retries", "reconnectInitial", "reconnectMax",
            "dumpState", "park", "uplinkVfo", "passband");
    assertThat(new HamlibProvider().descriptor()).isSameAs(descriptor);
  }

  /** With no options a device talks to its daemon's default port on the local host. */
  @Test
  void fillsInDefaults() {
    // GIVEN no configured options
    // WHEN the settings of a rotator and a radio are read
    HamlibSettings rotator = settings(DeviceKind.ROTATOR, Map.of());
    HamlibSettings radio = settings(DeviceKind.RADIO, Map.of());

    // THEN they are the defaults, the port following the kind
    assertThat(rotator.host()).isEqualTo("127.0.0.1");
    assertThat(rotator.port()).isEqualTo(4533);
    assertThat(radio.port()).isEqualTo(4532);
    assertThat(rotator.peer(DeviceKind.ROTATOR)).isEqualTo("rotctld at 127.0.0.1:4533");
    assertThat(radio.peer(DeviceKind.RADIO)).isEqualTo("rigctld at 127.0.0.1:4532");
    assertThat(rotator.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(rotator.retries()).isEqualTo(1);
    assertThat(rotator.reconnectInitial()).isEqualTo(Duration.ofMillis(500));
    assertThat(rotator.reconnectMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rotator.dumpState()).isTrue();
    assertThat(rotator.azimuth()).isEqualTo(new Range(0, 360));
    assertThat(rotator.elevation()).isEqualTo(new Range(0, 90));
    assertThat(rotator.parkWithCommand()).isFalse();
    assertThat(radio.uplinkVfo()).isEqualTo("VFOB");
    assertThat(radio.passband()).isZero();
    assertThat(radio.modes()).contains("FM", "USB", "LSB", "CW");
  }

  /** A configured port, and an IPv6 host, are used as given. */
  @Test
  void takesAConfiguredHostAndPort() {
    // GIVEN a daemon on another machine
    HamlibSettings settings = settings(DeviceKind.ROTATOR, Map.of("host", "::1",
        "port", "14533"));

    // WHEN its name is shown
    // THEN the address is written as a URL would have it
    assertThat(settings.peer(DeviceKind.ROTATOR)).isEqualTo("rotctld at [::1]:14533");
  }

  /** A value of the wrong type is refused before the driver sees it, naming option and value. */
  @Test
  void refusesAnOptionOfTheWrongType() {
    // GIVEN a timeout that is not a duration
    Map<String, String> configured = Map.of("timeout", "soon");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(bench.provider.descriptor(), configured));

    // THEN it is a configuration failure naming both and what is allowed
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessage("driver hamlib option 'timeout' is 'soon'; it must be a"
        + " duration such as 250ms, 5s or 2m");
  }

  /** Values of the right type that cannot work are refused when a device is created. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "host|' '|a host name or an IP address",
      "port|0|from 1 to 65535",
      "port|65536|from 1 to 65535",
      "timeout|10ms|from 50ms to 60s",
      "timeout|2m|from 50ms to 60s",
      "retries|-1|from 0 to 10",
      "retries|11|from 0 to 10",
      "reconnectInitial|1ms|from 10ms to 1h",
      "reconnectMax|100ms|from reconnectInitial (500ms) to 1h",
      "azimuthMin|-200|within [-180, 540]",
      "azimuthMax|-10|above azimuthMin (0)",
      "elevationMax|200|within [-90, 180]",
      "azimuthRate|-1|0 (unknown) or above",
      "park|home|position or command",
      "frequencyMin|-1|0 or above",
      "frequencyMax|50000|above frequencyMin (100000)",
      "modes|FM,,USB|a comma-separated list of Hamlib mode names",
      "modes|fm|a comma-separated list of Hamlib mode names",
      "uplinkVfo|VFO B|a Hamlib VFO name such as VFOB",
      "passband|-2|-1 (keep), 0 (the radio's normal one)"})
  void refusesAnOptionThatCannotWork(String option, String value, String allowed) {
    // GIVEN options that are well typed but impossible
    DriverContext checked = new DriverContext("device",
        DriverOptions.of(bench.provider.descriptor(), Map.of(option, value)), bench.executor,
        Clock.systemUTC());

    // WHEN a rotator and a radio are created with them
    DriverException rotator = catchThrowableOfType(DriverException.class,
        () -> bench.provider.createRotator(checked));
    DriverException radio = catchThrowableOfType(DriverException.class,
        () -> bench.provider.createRadio(checked));

    // THEN both are refused as configuration, naming the option, the value and what is allowed
    assertThat(rotator.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(rotator).hasMessageContaining("driver hamlib option '" + option + "' is '"
        + value + "'; it must be " + allowed);
    assertThat(radio.code()).isEqualTo(FailureCode.CONFIGURATION);
  }

  /** An option the driver does not take is refused, listing the ones it does. */
  @Test
  void refusesAnUnknownOption() {
    // GIVEN a serial port option, which belongs to the daemon's command line
    Map<String, String> configured = Map.of("device", "/dev/ttyUSB0");

    // WHEN the options are checked
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> DriverOptions.of(bench.provider.descriptor(), configured));

    // THEN it is a configuration failure naming it and the options taken
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessageContaining("'device'").hasMessageContaining("host, port");
  }

  private Path pluginJar(String version) throws IOException, URISyntaxException {
    Path classes = Path.of(HamlibProvider.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path jar = folder.resolve("talos-driver-hamlib-" + version + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file, manifest);
         Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static URL location(Class<?> type) throws IOException, URISyntaxException {
    return type.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
  }
}
