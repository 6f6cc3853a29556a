package talos.agent;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.driver.DeviceKind;
import talos.driver.DriverProvider;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Finding drivers on the class path and in plugin jars, and matching them to a configuration. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DriverRegistryTest {

  private static final String PROVIDER = "org.example.jarred.JarredProvider";
  private static final String SOURCE = """
      package org.example.jarred;

      import java.util.List;
      import java.util.Set;
      import talos.driver.DriverDescriptor;
      import talos.driver.DriverProvider;
      import talos.driver.RadioCapabilities;
      import talos.driver.Range;

      public final class JarredProvider implements DriverProvider {
        private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("jarred", "2.0",
            "a radio driver from a plugin jar", null,
            new RadioCapabilities(List.of(new Range(1, 2)), Set.of("FM"), Set.of()), List.of());

        @Override
        public DriverDescriptor descriptor() {
          return DESCRIPTOR;
        }
      }
      """;

  @TempDir
  static Path classes;

  @TempDir
  Path plugins;

  @BeforeAll
  static void compileProvider() throws IOException {
    Path source = classes.resolve("org/example/jarred/JarredProvider.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    String api = Path.of(DriverProvider.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath()).toString();
    int result = compiler.run(null, null, null, "-classpath", api, "-d", classes.toString(),
        source.toString());
    assertThat(result).as("compiling the plugin's provider").isZero();
  }

  /** A provider in a jar of the plugins folder is found, and its jar is named. */
  @Test
  void findsAProviderInAPluginJar() throws IOException {
    // GIVEN a plugin jar with the provider and its service entry
    writeJar(plugins.resolve("jarred-driver.jar"), true);

    // WHEN the registry loads
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), plugins);

    // THEN the jar's driver is found next to the class path's
    assertThat(registry.provider("jarred")).isPresent();
    assertThat(registry.provider("test")).isPresent();
    assertThat(registry.drivers()).extracting(DriverRegistry.Entry::source)
        .contains("jarred-driver.jar", "class path");
    assertThat(registry.provider("jarred").orElseThrow().getClass().getClassLoader())
        .isNotSameAs(getClass().getClassLoader());
    assertThat(registry.pluginsDir()).isEqualTo(plugins);
  }

  /** A jar without a service entry is ignored. */
  @Test
  void ignoresAJarWithoutServiceEntry() throws IOException {
    // GIVEN a jar holding the provider class but no META-INF/services entry
    writeJar(plugins.resolve("no-services.jar"), false);

    // WHEN the registry loads
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), plugins);

    // THEN the driver is not found
    assertThat(registry.provider("jarred")).isEmpty();
    assertThat(registry.drivers()).extracting(entry -> entry.descriptor().name())
        .containsExactly("test");
  }

  /** A missing plugins folder leaves the class path's drivers. */
  @Test
  void acceptsAMissingPluginsFolder() {
    // GIVEN a plugins folder that does not exist
    Path missing = plugins.resolve("absent");

    // WHEN the registry loads
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), missing);

    // THEN the class path's driver is there
    assertThat(registry.provider("test")).isPresent();
    assertThat(registry.provider("simulator")).isEmpty();
  }

  /** Each configured device is matched to its driver with checked options. */
  @Test
  void plansTheConfiguredDevices() throws IOException {
    // GIVEN a registry with the test driver and the jar's radio driver
    writeJar(plugins.resolve("jarred-driver.jar"), true);
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), plugins);
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").put("radio", new JsonObject().put("driver", "jarred"));

    // WHEN the configuration is planned
    List<DriverRegistry.DevicePlan> plans = registry.plan(AgentConfig.fromJson(json));

    // THEN each device has its driver and options, defaults filled in
    assertThat(plans).extracting(DriverRegistry.DevicePlan::name)
        .containsExactly("rotator", "radio");
    assertThat(plans.get(0).kind()).isEqualTo(DeviceKind.ROTATOR);
    assertThat(plans.get(0).options().string("operations")).isEqualTo("all");
    assertThat(plans.get(1).driver().descriptor().name()).isEqualTo("jarred");
  }

  /** Missing drivers, wrong kinds and bad options are all reported, naming what was found. */
  @Test
  void refusesAConfigurationItsDriversCannotRun() throws IOException {
    // GIVEN a radio-only driver named for the rotator and an unknown driver for the radio
    writeJar(plugins.resolve("jarred-driver.jar"), true);
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), plugins);
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").getJsonObject("rotator").put("driver", "jarred");
    json.getJsonObject("devices").getJsonObject("radio").put("driver", "gs232");

    // WHEN it is planned
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> registry.plan(AgentConfig.fromJson(json)));

    // THEN both are named, the missing one with the drivers found and the plugins folder
    assertThat(failure.problems()).containsExactly(
        "devices.rotator.driver: 'jarred' is not allowed; allowed: a driver that runs a rotator"
            + " (jarred runs no rotator)",
        "devices.radio.driver: 'gs232' is not allowed; allowed: one of the drivers found (test,"
            + " jarred) on the class path and in the plugins folder " + plugins.toAbsolutePath());
  }

  /** An option the driver does not take is refused with the driver's message. */
  @Test
  void refusesAnUnknownDriverOption() {
    // GIVEN a rotator option the test driver does not take
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), plugins);
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").getJsonObject("rotator").getJsonObject("options")
        .put("port", "/dev/ttyUSB0");

    // WHEN it is planned
    AgentConfigException failure = catchThrowableOfType(AgentConfigException.class,
        () -> registry.plan(AgentConfig.fromJson(json)));

    // THEN the option is named with the options the driver takes
    assertThat(failure.problems()).singleElement().asString()
        .startsWith("devices.rotator.options: driver test has no option 'port'; it takes id,");
  }

  /** Starting an agent whose driver is missing fails with the drivers found. */
  @Test
  void failsToStartWithAMissingDriver() throws Exception {
    // GIVEN a configuration naming a driver that is not installed
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").getJsonObject("rotator").put("driver", "gs232");
    DriverRegistry registry = DriverRegistry.load(getClass().getClassLoader(), plugins);
    Vertx vertx = Vertx.vertx();
    try {
      // WHEN the agent starts
      Throwable failure = StationAgent.start(vertx, AgentConfig.fromJson(json), registry)
          .toCompletionStage().toCompletableFuture().handle((agent, error) -> error).get();

      // THEN it fails naming the drivers found and the plugins folder
      assertThat(failure).isInstanceOf(AgentConfigException.class)
          .hasMessageContaining("devices.rotator.driver: 'gs232' is not allowed")
          .hasMessageContaining("(test)")
          .hasMessageContaining(plugins.toAbsolutePath().toString());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void writeJar(Path jar, boolean withServiceEntry) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
         JarOutputStream out = new JarOutputStream(file);
         Stream<Path> compiled = Files.walk(classes)) {
      for (Path path : compiled.filter(p -> p.toString().endsWith(".class")).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
      if (withServiceEntry) {
        out.putNextEntry(new JarEntry("META-INF/services/" + DriverProvider.class.getName()));
        out.write((PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }
}
