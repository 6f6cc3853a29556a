package talos.core.support;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Hamlib's daemons from Debian's {@code libhamlib-utils}, {@code rotctld} and {@code rigctld}, run
 * as processes on free loopback ports, and asked directly over TCP what their device is doing.
 * Tests skip when they are missing, unless {@code TALOS_CI=true}: then a missing daemon fails them.
 */
public final class HamlibDaemons {

  private static final Path FOLDER = Path.of("/usr/bin");

  private HamlibDaemons() {
  }

  /** Skips the calling test class (or fails it on CI) when a daemon is missing. */
  public static void require() {
    boolean present = Files.isExecutable(FOLDER.resolve("rotctld"))
        && Files.isExecutable(FOLDER.resolve("rigctld"));
    if (!present && "true".equals(System.getenv("TALOS_CI"))) {
      throw new AssertionError("rotctld and rigctld are needed on CI: apt-get install"
          + " libhamlib-utils");
    }
    Assumptions.assumeTrue(present, "rotctld or rigctld is not installed in " + FOLDER
        + " (apt-get install libhamlib-utils); skipping the tests against Hamlib's daemons");
  }

  /**
   * Starts a daemon on a free loopback port and waits until it accepts connections.
   *
   * @param program {@code rotctld} or {@code rigctld}
   * @param model the Hamlib model: 1 is each daemon's dummy device
   * @param log the file the daemon's output goes to
   */
  public static Daemon start(String program, int model, Path log) {
    int port = freePort();
    List<String> command = List.of(FOLDER.resolve(program).toString(), "-m",
        String.valueOf(model), "-T", "127.0.0.1", "-t", String.valueOf(port));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start " + command, e);
    }
    Daemon daemon = new Daemon(program, process, port);
    try {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
        if (!process.isAlive()) {
          throw new AssertionError(program + " exited with " + process.exitValue()
              + "; its output: " + Files.readString(log));
        }
        return accepts(port);
      });
    } catch (RuntimeException | AssertionError e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  /** One daemon process. */
  public static final class Daemon implements AutoCloseable {

    private final String program;
    private final Process process;
    private final int port;

    private Daemon(String program, Process process, int port) {
      this.program = program;
      this.process = process;
      this.port = port;
    }

    public int port() {
      return port;
    }

    /**
     * Asks the daemon over a connection of its own, as {@code nc} would, and returns the lines of
     * the answer: for example {@code p} to {@code rotctld} answers the azimuth and the elevation.
     */
    public List<String> ask(String command, int lines) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout(5000);
        OutputStream output = socket.getOutputStream();
        output.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        output.flush();
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.US_ASCII));
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
          String line = reader.readLine();
          if (line == null) {
            throw new AssertionError(program + " closed the connection after " + answer);
          }
          if (line.startsWith("RPRT -")) {
            throw new AssertionError(program + " answered '" + command + "' with " + line);
          }
          answer.add(line.strip());
        }
        return answer;
      } catch (IOException e) {
        throw new AssertionError("cannot ask " + program + " on port " + port, e);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          throw new AssertionError(program + " did not end");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while ending " + program, e);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("no free port", e);
    }
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
