package talos.agent;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: help, checking a configuration, environment overrides and exit codes. */
class MainTest {

  @TempDir
  Path folder;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  /** --help prints the usage, the options, every environment variable and the exit codes. */
  @Test
  void printsUsage() {
    // GIVEN the help option
    // WHEN the command line runs
    OptionalInt exit = run(Map.of(), "--help");

    // THEN it exits 0 after printing the usage
    assertThat(exit).hasValue(0);
    assertThat(output()).contains("Usage: java -jar talos-agent.jar", "--config FILE", "--check",
        "TALOS_AGENT_SERVER", "TALOS_AGENT_STATION_ID", "TALOS_AGENT_ORG", "TALOS_AGENT_KEY_FILE",
        "TALOS_AGENT_TRUSTED_CA", "TALOS_AGENT_PLUGINS_DIR", "Exit codes:", "2  bad command line");
  }

  /** --check validates the configuration, loads the drivers and prints what would run. */
  @Test
  void checksAConfigurationAndPrintsWhatWouldRun() throws Exception {
    // GIVEN a valid configuration file
    Path config = write(TestConfigs.station(1883, "r1"));

    // WHEN it is checked
    OptionalInt exit = run(Map.of(), "--config", config.toString(), "--check");

    // THEN it exits 0 and describes the station, the drivers and the devices, never the key
    assertThat(exit).hasValue(0);
    assertThat(output()).contains("configuration OK", "server:    mqtt://127.0.0.1:1883",
        "test 1.0 from class path", "rotator:   test {id=r1, rate=30", "radio:     test",
        "azimuth [0, 450]°", "stop after 300ms")
        .doesNotContain(TestConfigs.KEY);
  }

  /** --check of a bad configuration lists every problem and exits 2. */
  @Test
  void reportsConfigurationProblemsWithExitCode2() throws Exception {
    // GIVEN a configuration with two mistakes
    JsonObject json = TestConfigs.station(1883, "r1").put("org", "Bad Org");
    json.getJsonObject("safety").put("deadband", 45);
    Path config = write(json);

    // WHEN it is checked
    OptionalInt exit = run(Map.of(), "--config", config.toString(), "--check");

    // THEN both problems are printed and the exit code is 2
    assertThat(exit).hasValue(2);
    assertThat(output()).contains("invalid agent configuration:", "org: 'Bad Org' is not allowed",
        "safety.deadband: 45 is not allowed; allowed: a number from 0 to 10");
  }

  /** --check of a configuration naming a driver that is not installed exits 2, listing drivers. */
  @Test
  void reportsAMissingDriverWithExitCode2() throws Exception {
    // GIVEN a configuration whose rotator driver is missing
    JsonObject json = TestConfigs.station(1883, "r1");
    json.getJsonObject("devices").getJsonObject("rotator").put("driver", "simulator");
    Path config = write(json);

    // WHEN it is checked
    OptionalInt exit = run(Map.of(), "--config", config.toString(), "--check");

    // THEN the drivers found are listed and the exit code is 2
    assertThat(exit).hasValue(2);
    assertThat(output()).contains("devices.rotator.driver: 'simulator' is not allowed; allowed:"
        + " one of the drivers found (test)");
  }

  /** The environment overrides the file's server, station, org, key file and plugins folder. */
  @Test
  void appliesEnvironmentOverrides() throws Exception {
    // GIVEN a configuration file and environment variables
    Path keyFile = Files.writeString(folder.resolve("station.key"), "tsk_env");
    Path config = write(TestConfigs.station(1883, "r1"));
    Map<String, String> env = Map.of(
        "TALOS_AGENT_SERVER", "mqtt://core.example.org:1884",
        "TALOS_AGENT_STATION_ID", "0b6f1d8e-3c2a-4f7e-9a51-2d4c8e7f6a10",
        "TALOS_AGENT_ORG", "oxford-rf",
        "TALOS_AGENT_KEY_FILE", keyFile.toString(),
        "TALOS_AGENT_PLUGINS_DIR", folder.resolve("plugins").toString(),
        "TALOS_AGENT_TRUSTED_CA", " ");

    // WHEN the configuration is read
    AgentConfig read = AgentConfig.fromJson(Main.configJson(config, env));

    // THEN the environment wins and a blank variable changes nothing
    assertThat(read.server()).hasToString("mqtt://core.example.org:1884");
    assertThat(read.stationId()).isEqualTo("0b6f1d8e-3c2a-4f7e-9a51-2d4c8e7f6a10");
    assertThat(read.org()).isEqualTo("oxford-rf");
    assertThat(read.key()).isEqualTo("tsk_env");
    assertThat(read.pluginsDir()).isEqualTo(folder.resolve("plugins"));
    assertThat(read.trustedCa()).isNull();
  }

  /** An unknown option, a missing file and a file that is not JSON exit 2. */
  @Test
  void refusesABadCommandLineWithExitCode2() throws Exception {
    // GIVEN a bad option, a missing file and a file that is not JSON
    Path notJson = Files.writeString(folder.resolve("agent.json"), "server = mqtt://core");

    // WHEN each is run
    // THEN each exits 2, naming the file where there is one
    assertThat(run(Map.of(), "--verbose")).hasValue(2);
    assertThat(run(Map.of(), "--config")).hasValue(2);
    assertThat(run(Map.of(), "--config", folder.resolve("missing.json").toString(), "--check"))
        .hasValue(2);
    assertThat(output()).contains("missing.json' cannot be read");
    assertThat(run(Map.of(), "--config", notJson.toString(), "--check")).hasValue(2);
    assertThat(output()).contains("agent.json' is not a JSON object");
  }

  private OptionalInt run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private Path write(JsonObject json) throws Exception {
    json.put("pluginsDir", folder.resolve("plugins").toString());
    return Files.writeString(folder.resolve("agent-" + System.nanoTime() + ".json"),
        json.encodePrettily());
  }
}
