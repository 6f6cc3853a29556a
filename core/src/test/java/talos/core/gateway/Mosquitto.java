package talos.core.gateway;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's mosquitto clients ({@code mosquitto_pub}, {@code mosquitto_sub}) run as processes
 * against the gateway. Tests skip when they are missing, unless {@code TALOS_CI=true}: then a
 * missing client fails the test.
 */
final class Mosquitto {

  private static final Path FOLDER = Path.of("/usr/bin");

  private Mosquitto() {
  }

  /** Skips the calling test (or fails it on CI) when a client is missing. */
  static void require() {
    boolean present = Files.isExecutable(FOLDER.resolve("mosquitto_pub"))
        && Files.isExecutable(FOLDER.resolve("mosquitto_sub"));
    if (!present && "true".equals(System.getenv("TALOS_CI"))) {
      throw new AssertionError("mosquitto_pub and mosquitto_sub are needed on CI: apt-get install"
          + " mosquitto-clients");
    }
    Assumptions.assumeTrue(present, "mosquitto_pub or mosquitto_sub is not installed in "
        + FOLDER + " (apt-get install mosquitto-clients); skipping the interoperability test");
  }

  /** A station's connection options: id as client id and user, key as password, and more. */
  static List<String> options(int port, Fleet.Station station, String version, String... more) {
    List<String> options = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", String.valueOf(port),
        "-i", station.id(), "-u", station.id(), "-P", station.key(), "-V", version));
    options.addAll(List.of(more));
    return options;
  }

  /** Starts {@code mosquitto_sub} with the given options; its output goes to {@code output}. */
  static Process subscribe(List<String> options, Path output) throws IOException {
    return start("mosquitto_sub", options, output);
  }

  /** Runs {@code mosquitto_pub} to completion and returns its exit code. */
  static int publish(List<String> options, Path output) throws Exception {
    Process process = start("mosquitto_pub", options, output);
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("mosquitto_pub finished").isTrue();
    return process.exitValue();
  }

  private static Process start(String program, List<String> options, Path output)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(FOLDER.resolve(program).toString());
    command.addAll(options);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
  }
}
