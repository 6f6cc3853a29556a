package talos.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The packaged server jar run as a separate process, the way an operator runs it. Output goes to a
 * log file that tests read.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern READY = Pattern.compile(
      "talos core ready at \\S+ in [0-9.]+ s \\[node: ([0-9a-f-]+)\\]");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int httpPort;

  private ServerProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * Starts the jar named by the system property {@code talos.jar} with a clean environment: no
   * {@code TALOS_} variables but those given, HTTP on a free loopback port.
   */
  public static ServerProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(IssuedSecrets.logFolder(), "server-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("TALOS_") || name.equals("DATABASE_URL"));
    environment.put("TALOS_HTTP_HOST", "127.0.0.1");
    environment.put("TALOS_HTTP_PORT", String.valueOf(port));
    environment.put("TALOS_MQTT_PORT", "0");
    // tests never reach out to the real catalogue services
    environment.put("TALOS_CATALOGUE_SOURCES", "");
    environment.putAll(new HashMap<>(env));
    return new ServerProcess(builder.start(), log, port);
  }

  public Process process() {
    return process;
  }

  public int httpPort() {
    return httpPort;
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code /health/ready} answers 200, failing early if the process dies. */
  public void awaitReady(Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + output());
      }
      return get("/health/ready").statusCode() == 200;
    });
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null, null);
  }

  /** A request with an optional body of the given content type, and extra headers as name, value pairs. */
  public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(5))
          .method(method, body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (headers.length > 0) {
        request.headers(headers);
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends SIGTERM and waits for the exit; returns how long the process took to exit. */
  public Duration terminate(Duration timeout) throws Exception {
    long start = System.nanoTime();
    process.destroy();
    process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Sends SIGKILL, leaving children such as the database server to fend for themselves. */
  public void kill() throws Exception {
    process.destroyForcibly();
    process.onExit().get(10, TimeUnit.SECONDS);
  }

  /** Sends SIGSTOP: the process freezes with its connections open, as in a long pause. */
  public void freeze() throws Exception {
    signal("STOP");
  }

  /** Sends SIGCONT to a frozen process. */
  public void resume() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: "
          + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The node id the server logged when it became ready. */
  public String nodeId() {
    Matcher ready = READY.matcher(output());
    if (!ready.find()) {
      throw new IllegalStateException("the server has not logged its node id yet:\n" + output());
    }
    return ready.group(1);
  }

  /** A free TCP port on loopback, for settings that need one chosen before the start. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Processes, other than this JVM, whose command line mentions {@code text}. */
  public static List<ProcessHandle> processesMentioning(String text) {
    return ProcessHandle.allProcesses()
        .filter(handle -> handle.pid() != ProcessHandle.current().pid())
        .filter(handle -> handle.info().commandLine().map(line -> line.contains(text)).orElse(false))
        .toList();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private static Path jar() {
    String jar = System.getProperty("talos.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property talos.jar must name the packaged server jar; run mvn verify");
    }
    return Path.of(jar);
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse("java");
  }

}
