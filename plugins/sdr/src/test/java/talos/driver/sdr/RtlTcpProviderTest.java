package talos.driver.sdr;

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

/** Verifies how the agent finds the rtl_tcp driver, what it describes and how it checks options. */
class RtlTcpProviderTest {

  @TempDir
  Path folder;

  private final RtlTcpBench bench = new RtlTcpBench();

  @AfterEach
  void tearDown() {
    bench.close();
  }

  private RtlTcpSettings settings(Map<String, String> configured) {
    return RtlTcpSettings.from(DriverOptions.of(bench.provider.descriptor(), configured));
  }

  /** ServiceLoader finds the provider on the class path through its META-INF/services entry. */
  @Test
  void isFoundByServiceLoader() {
    // GIVEN the class path with the rtl_tcp driver on it
    ServiceLoader<DriverProvider> loader = ServiceLoader.load(DriverProvider.class);

    // WHEN the agent looks for drivers
    var found = loader.stream().map(ServiceLoader.Provider::get)
        .filter(provider -> provider.descriptor().name().equals("rtl_tcp")).toList();

    // THEN it finds exactly this one
    assertThat(found).singleElement().isInstanceOf(RtlTcpProvider.class);
  }

  /**
   * The plugin jar in a plugins folder, loaded the way the agent loads it (one class loader for
   * the folder above one with the API and SLF4J), holds the provider and its version.
   */
  @Test
  void isFoundByServiceLoaderFromAPluginsFolder() throws Exception {
    // GIVEN the plugin packed as a jar with a version in its manifest, in a folder
    Path plugins = Files.createDirectory(folder.resolve("plugins"));
    Path jar = pluginJar(plugins, "7.8.9");
    try (URLClassLoader agent = new URLClassLoader(new URL[] {location(DriverProvider.class),
        location(LoggerFactory.class)}, ClassLoader.getPlatformClassLoader());
         URLClassLoader loader = new URLClassLoader("talos-plugins",
             new URL[] {jar.toUri().toURL()}, agent)) {

      // WHEN the agent's loader looks for drivers in it
      Class<?> spi = agent.loadClass(DriverProvider.class.getName());
      List<?> providers = ServiceLoader.load(spi, loader).stream()
          .map(ServiceLoader.Provider::get).toList();

      // THEN it finds the rtl_tcp provider, from the jar, with the jar's version, and its radio
      // offers the I/Q capability of the agent's API
      assertThat(providers).singleElement().satisfies(provider -> {
        assertThat(provider.getClass().getName()).isEqualTo(RtlTcpProvider.class.getName());
        assertThat(provider.getClass().getClassLoader()).isSameAs(loader);
        Object descriptor = spi.getMethod("descriptor").invoke(provider);
        assertThat(descriptor.getClass().getMethod("name").invoke(descriptor))
            .isEqualTo("rtl_tcp");
        assertThat(descriptor.getClass().getMethod("version").invoke(descriptor))
            .isEqualTo("7.8.9");
      });
      Class<?> radio = loader.loadClass(RtlTcpRadio.class.getName());
      assertThat(agent.loadClass("talos.driver.IqSource").isAssignableFrom(radio)).isTrue();
    }
  }

  /** The descriptor names the driver, runs a radio only and documents every option. */
  @Test
  void describesAReceiver() {
    // GIVEN the provider
    DriverDescriptor descriptor = new RtlTcpProvider().descriptor();

    // WHEN its descriptor is read
    // THEN it names rtl_tcp, runs radios with mode IQ, and every option has a default
    assertThat(descriptor.name()).isEqualTo("rtl_tcp");
    assertThat(descriptor.version()).isEqualTo("dev");
    assertThat(descriptor.kinds()).containsExactly(DeviceKind.RADIO);
    assertThat(descriptor.radio().modes()).containsExactly("IQ");
    assertThat(descriptor.options()).allSatisfy(option -> {
      assertThat(option.required()).isFalse();
      assertThat(option.secret()).isFalse();
      assertThat(option.description()).isNotBlank();
      assertThat(option.defaultValue()).isNotNull();
    });
    assertThat(new RtlTcpProvider().descriptor()).isSameAs(descriptor);
  }

  /** With no options a radio talks to rtl_tcp's default port on the local host. */
  @Test
  void fillsInDefaults() {
    // GIVEN no options
    // WHEN the settings are read
    RtlTcpSettings settings = settings(Map.of());

    // THEN they are rtl_tcp's own defaults
    assertThat(settings.peer()).isEqualTo("rtl_tcp at 127.0.0.1:1234");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.frequency()).isEqualTo(100_000_000);
    assertThat(settings.sampleRate()).isEqualTo(2_048_000);
    assertThat(settings.gainTenths()).isEqualTo(-1);
    assertThat(settings.ppm()).isZero();
    assertThat(settings.agc()).isFalse();
    assertThat(settings.biasTee()).isFalse();
    assertThat(settings.offset()).isZero();
    assertThat(settings.blockSamples()).isEqualTo(16_384);
    assertThat(settings.fallback()).isEqualTo(new Range(24e6, 1_766e6));
  }

  /** A gain in decibels is kept in tenths, as rtl_tcp takes it. */
  @Test
  void readsTheGainInTenths() {
    // GIVEN a manual gain
    // WHEN it is read
    // THEN it is in tenths of a decibel
    assertThat(settings(Map.of("gain", "49.6")).gainTenths()).isEqualTo(496);
    assertThat(settings(Map.of("gain", "0")).gainTenths()).isZero();
  }

  /** Values of the right type that cannot work are refused when the radio is created. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "host|' '|a host name or an IP address",
      "port|0|from 1 to 65535",
      "timeout|10ms|from 50ms to 60s",
      "retries|11|from 0 to 10",
      "reconnectInitial|1ms|from 10ms to 1h",
      "reconnectMax|100ms|from reconnectInitial (500ms) to 1h",
      "sampleRate|500000|from 225001 to 300000 or from 900001 to 3200000",
      "sampleRate|3300000|from 225001 to 300000 or from 900001 to 3200000",
      "gain|high|auto or a gain in decibels from 0 to 100",
      "gain|-5|auto or a gain in decibels from 0 to 100",
      "ppm|2000|from -1000 to 1000",
      "offset|1024000|within ± half the sample rate (1024000 Hz)",
      "blockSamples|100|from 256 to 1048576",
      "frequencyMin|-1|0 or above",
      "frequencyMax|5000000000|above frequencyMin (24000000) and at most 4294967295",
      "frequency|-100|from 0 to 4294967295 hertz with the offset"})
  void refusesAnOptionThatCannotWork(String option, String value, String allowed) {
    // GIVEN options that are well typed but impossible
    DriverContext checked = new DriverContext("radio",
        DriverOptions.of(bench.provider.descriptor(), Map.of(option, value)), bench.executor,
        Clock.systemUTC());

    // WHEN a radio is created with them
    DriverException refused = catchThrowableOfType(DriverException.class,
        () -> bench.provider.createRadio(checked));

    // THEN it is refused as configuration, naming the option, the value and what is allowed
    assertThat(refused.code()).isEqualTo(FailureCode.CONFIGURATION);
    assertThat(refused).hasMessageContaining("driver rtl_tcp option '" + option + "' is '"
        + value + "'; it must be " + allowed);
  }

  private Path pluginJar(Path plugins, String version) throws IOException, URISyntaxException {
    Path classes = Path.of(RtlTcpProvider.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    Path jar = plugins.resolve("talos-driver-sdr-" + version + ".jar");
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
