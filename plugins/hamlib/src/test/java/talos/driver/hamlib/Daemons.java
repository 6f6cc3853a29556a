package talos.driver.hamlib;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Hamlib's daemons from Debian's {@code libhamlib-utils} ({@code rotctld}, {@code rigctld}) run as
 * processes on free loopback ports. Tests skip when they are missing, unless {@code TALOS_CI=true}:
 * then a missing daemon fails the test.
 */
final class Daemons {

  private static final Path FOLDER = Path.of("/usr/bin");

  private Daemons() {
  }

  /** Skips the calling test (or fails it on CI) when a daemon is missing. */
  static void require() {
    boolean present = Files.isExecutable(FOLDER.resolve("rotctld"))
        && Files.isExecutable(FOLDER.resolve("rigctld"));
    if (!present && "true".equals(System.getenv("TALOS_CI"))) {
      throw new AssertionError("rotctld and rigctld are needed on CI: apt-get install"
          + " libhamlib-utils");
    }
    Assumptions.assumeTrue(present, "rotctld or rigctld is not installed in " + FOLDER
        + " (apt-get install libhamlib-utils); skipping the tests against Hamlib's daemons");
  }

  /** A free TCP port on the loopback interface. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("no free port", e);
    }
  }

  /**
   * Starts a daemon with a Hamlib model on a free loopback port and waits until it accepts
   * connections.
   *
   * @param program {@code rotctld} or {@code rigctld}
   * @param model the Hamlib model number: 1 is each daemon's dummy device
   * @param log the file the daemon's output goes to
   */
  static Daemon start(String program, int model, Path log) {
    Daemon daemon = new Daemon(program, model, freePort(), log);
    daemon.start();
    return daemon;
  }

  /** One daemon process, which can be killed and started again on the same port. */
  static final class Daemon implements AutoCloseable {

    private final String program;
    private final int model;
    private final int port;
    private final Path log;
    private Process process;

    private Daemon(String program, int model, int port, Path log) {
      this.program = program;
      this.model = model;
      this.port = port;
      this.log = log;
    }

    int port() {
      return port;
    }

    /** Starts the daemon and waits until its port accepts a connection. */
    void start() {
      List<String> command = List.of(FOLDER.resolve(program).toString(), "-m",
          String.valueOf(model), "-T", "127.0.0.1", "-t", String.valueOf(port));
      try {
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      } catch (IOException e) {
        throw new AssertionError("cannot start " + command, e);
      }
      Process started = process;
      try {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
            .until(() -> {
              if (!started.isAlive()) {
                throw new AssertionError(program + " exited with " + started.exitValue()
                    + "; its output: " + Files.readString(log));
              }
              return accepts(port);
            });
      } catch (RuntimeException | AssertionError e) {
        kill();
        throw e;
      }
    }

    /** Kills the daemon, as a crash or a pulled plug would, and waits until it is gone. */
    void kill() {
      if (process == null) {
        return;
      }
      process.destroyForcibly();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          throw new AssertionError(program + " did not end");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while ending " + program, e);
      }
      process = null;
    }

    @Override
    public void close() {
      kill();
    }

    private static boolean accepts(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
