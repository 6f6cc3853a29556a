package talos.agent;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hamlib's own command-line clients from Debian's {@code libhamlib-utils}, {@code rotctl} and
 * {@code rigctl}, run with model 2 (Hamlib's network client) against a port of the agent's front
 * door. Tests skip when they are missing, unless {@code TALOS_CI=true}: then they fail.
 */
final class HamlibClients {

  private static final Path FOLDER = Path.of("/usr/bin");

  private HamlibClients() {
  }

  /**
   * What a client printed and how it ended. {@code rotctl} ends with 2 when the server refused a
   * command, {@code rigctl} with 0; both print the reason, such as {@code Command rejected by the
   * rig}, after their trace of the exchange.
   */
  record Result(int exitCode, String output, String errors) {

    /** Everything the client printed, on either stream. */
    String printed() {
      return output + errors;
    }

    /** The printed lines that are not empty. */
    List<String> lines() {
      return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
  }

  /** Skips the calling test (or fails it on CI) when a client is missing. */
  static void require() {
    boolean present = Files.isExecutable(FOLDER.resolve("rotctl"))
        && Files.isExecutable(FOLDER.resolve("rigctl"));
    if (!present && "true".equals(System.getenv("TALOS_CI"))) {
      throw new AssertionError("rotctl and rigctl are needed on CI: apt-get install"
          + " libhamlib-utils");
    }
    Assumptions.assumeTrue(present, "rotctl or rigctl is not installed in " + FOLDER
        + " (apt-get install libhamlib-utils); skipping the tests with Hamlib's clients");
  }

  /**
   * Runs one command the way an operator types it, {@code rotctl -m 2 -r 127.0.0.1:4533 P 10 20},
   * and waits for the client to end.
   *
   * @param program {@code rotctl} or {@code rigctl}
   */
  static Result run(String program, int port, String... command) {
    List<String> line = new ArrayList<>(List.of(FOLDER.resolve(program).toString(), "-m", "2",
        "-r", "127.0.0.1:" + port));
    line.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(line + " did not end within 20 s");
      }
      return new Result(process.exitValue(),
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + line, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + line, e);
    }
  }

  /**
   * Starts a client that reads its commands from its standard input and stays connected until
   * the input is closed, as a program that keeps its connection open does.
   */
  static Session session(String program, int port) {
    List<String> line = List.of(FOLDER.resolve(program).toString(), "-m", "2", "-r",
        "127.0.0.1:" + port, "-");
    try {
      return new Session(new ProcessBuilder(line).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start());
    } catch (IOException e) {
      throw new AssertionError("cannot run " + line, e);
    }
  }

  /** A client kept running, fed one command at a time. */
  static final class Session implements AutoCloseable {

    private final Process process;
    private final OutputStream input;

    private Session(Process process) {
      this.process = process;
      this.input = process.getOutputStream();
    }

    /** Sends one command line. */
    void send(String command) {
      try {
        input.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        input.flush();
      } catch (IOException e) {
        throw new AssertionError("the client ended before '" + command + "'", e);
      }
    }

    /** Closes the client's input, so it disconnects and ends, and waits until it has. */
    @Override
    public void close() {
      try {
        input.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
