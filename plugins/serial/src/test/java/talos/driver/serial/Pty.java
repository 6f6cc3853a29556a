package talos.driver.serial;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A pair of connected pseudo-terminals made by {@code socat}, standing for a serial cable: what is
 * written to one end is read from the other. The ends are symbolic links in a folder of the
 * test's, {@code driver} (opened by the driver under test) and {@code controller} (served by a
 * {@link ControllerSimulator}). Killing socat makes both ends vanish, as an unplugged USB adapter
 * does; starting it again makes new ones under the same names. Tests skip when socat is missing,
 * unless {@code TALOS_CI=true}: then a missing socat fails them.
 */
final class Pty implements AutoCloseable {

  private static final Path SOCAT = Path.of("/usr/bin/socat");

  private final Path driverEnd;
  private final Path controllerEnd;
  private final Path log;
  private Process process;

  private Pty(Path folder) {
    this.driverEnd = folder.resolve("driver");
    this.controllerEnd = folder.resolve("controller");
    this.log = folder.resolve("socat.log");
  }

  /** Skips the calling test (or fails it on CI) when socat is missing. */
  static void require() {
    boolean present = Files.isExecutable(SOCAT);
    if (!present && "true".equals(System.getenv("TALOS_CI"))) {
      throw new AssertionError("socat is needed on CI: apt-get install socat");
    }
    Assumptions.assumeTrue(present, SOCAT + " is not installed (apt-get install socat);"
        + " skipping the tests over pseudo-terminals");
  }

  /** Starts socat with both ends in {@code folder} and waits until they exist. */
  static Pty start(Path folder) {
    Pty pty = new Pty(folder);
    pty.start();
    return pty;
  }

  /** The end the driver opens. */
  Path driverEnd() {
    return driverEnd;
  }

  /** The end the controller simulator serves. */
  Path controllerEnd() {
    return controllerEnd;
  }

  /** Starts socat (again) and waits until both ends exist. */
  void start() {
    List<String> command = List.of(SOCAT.toString(), "-d", "-d",
        "pty,raw,echo=0,link=" + driverEnd, "pty,raw,echo=0,link=" + controllerEnd);
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command, e);
    }
    Process started = process;
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
      if (!started.isAlive()) {
        throw new AssertionError("socat exited with " + started.exitValue() + "; its output: "
            + Files.readString(log));
      }
      return Files.exists(driverEnd) && Files.exists(controllerEnd);
    });
  }

  /** Kills socat, as a pulled plug would end the line, and waits until the ends are gone. */
  void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("socat did not end");
      }
      Files.deleteIfExists(driverEnd);
      Files.deleteIfExists(controllerEnd);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while ending socat", e);
    } catch (IOException e) {
      throw new AssertionError("cannot remove the links of the pseudo-terminals", e);
    }
    process = null;
  }

  @Override
  public void close() {
    kill();
  }
}
