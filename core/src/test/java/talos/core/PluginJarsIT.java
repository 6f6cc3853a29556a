package talos.core;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies that every driver is a plugin of its own: the packaged agent, whose jar holds no
 * driver, finds the Hamlib, serial and rtl_tcp drivers through ServiceLoader in the jars of its
 * plugins folder, and names the missing driver when a jar is taken away while the configuration
 * still uses it. Runs the jars the reactor built, as an operator would.
 */
@Timeout(120)
class PluginJarsIT {

  private static final Path REACTOR = Path.of("..").toAbsolutePath().normalize();
  private static final Path AGENT_JAR = REACTOR.resolve("agent/target/talos-agent.jar");
  private static final List<String> PLUGINS = List.of("hamlib", "serial", "sdr");

  @TempDir
  Path station;

  private Path plugins;

  @BeforeEach
  void installThePluginJars() throws IOException {
    assertThat(AGENT_JAR).as("the agent jar; build the whole reactor first").isRegularFile();
    plugins = Files.createDirectories(station.resolve("plugins"));
    for (String plugin : PLUGINS) {
      Path jar = pluginJar(plugin);
      Files.copy(jar, plugins.resolve(jar.getFileName()));
    }
  }

  /** With the three jars in place, each driver is found in its own jar and the devices plan. */
  @Test
  void eachDriverIsFoundInItsOwnJar() throws Exception {
    Result check = check(configuration("hamlib", "rtl_tcp"));

    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output())
        .contains("configuration OK")
        .containsPattern("hamlib \\S+ from \\S*talos-driver-hamlib-\\S+\\.jar")
        .containsPattern("serial \\S+ from \\S*talos-driver-serial-\\S+\\.jar")
        .containsPattern("rtl_tcp \\S+ from \\S*talos-driver-sdr-\\S+\\.jar")
        .doesNotContain("simulator");
  }

  /** Without the Hamlib jar, a configuration naming the driver is refused with a clear message. */
  @Test
  void removingAJarRemovesItsDriver() throws Exception {
    try (Stream<Path> jars = Files.list(plugins)) {
      Files.delete(jars.filter(jar -> jar.getFileName().toString().contains("hamlib"))
          .findFirst().orElseThrow());
    }

    Result check = check(configuration("hamlib", "rtl_tcp"));

    assertThat(check.exit()).as(check.output()).isEqualTo(2);
    assertThat(check.output())
        .contains("hamlib")
        .contains("serial", "rtl_tcp")
        .contains(plugins.toString());
    assertThat(check(configuration("serial", "rtl_tcp")).exit()).isZero();
  }

  private Path configuration(String rotatorDriver, String radioDriver) throws IOException {
    JsonObject rotatorOptions = rotatorDriver.equals("serial")
        ? new JsonObject().put("protocol", "gs232b").put("port", "/dev/ttyUSB0")
        : new JsonObject().put("host", "127.0.0.1");
    JsonObject config = new JsonObject()
        .put("server", "mqtt://127.0.0.1:1883")
        .put("stationId", "3f2b6c1e-8d4a-4e1b-9a7c-52f0d4b6e911")
        .put("org", "demo")
        .put("key", "tsk_plugin-test-key")
        .put("pluginsDir", plugins.toString())
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", rotatorDriver)
                .put("options", rotatorOptions))
            .put("radio", new JsonObject().put("driver", radioDriver)
                .put("options", new JsonObject().put("host", "127.0.0.1"))))
        .put("limits", new JsonObject().put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 90)
            .put("parkAzimuth", 0).put("parkElevation", 90));
    Path file = station.resolve("agent-" + rotatorDriver + ".json");
    Files.writeString(file, config.encodePrettily(), StandardCharsets.UTF_8);
    return file;
  }

  private record Result(int exit, String output) {
  }

  private Result check(Path configuration) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = station.resolve("check.log");
    Process process = new ProcessBuilder(java.toString(), "-jar", AGENT_JAR.toString(), "--check",
        "--config", configuration.toString())
        .directory(station.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("agent --check ends").isTrue();
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static Path pluginJar(String plugin) throws IOException {
    Path target = REACTOR.resolve("plugins").resolve(plugin).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> {
        String name = file.getFileName().toString();
        return name.startsWith("talos-driver-" + plugin + "-") && name.endsWith(".jar")
            && !name.endsWith("-sources.jar");
      }).findFirst().orElseThrow(() -> new IllegalStateException(
          "no plugin jar in " + target + "; build the whole reactor first"));
    }
  }
}
