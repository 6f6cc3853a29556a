package talos.core.streaming;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real YAMCS server ({@code org.yamcs:yamcs-core}, the version the module
 * {@code tools/yamcs-harness} names) in a JVM of its own, with one instance {@value #INSTANCE}
 * whose UDP TM data link {@value #UDP_LINK} puts each datagram, as one CCSDS packet, on
 * {@code tm_realtime}, where the archive records it.
 *
 * <p>YAMCS runs as a separate process because its Netty and Jackson would clash with the core's
 * on one class path: the harness module's build writes YAMCS's class path to
 * {@code tools/yamcs-harness/target/yamcs.classpath} (the system property
 * {@code talos.yamcs.classpath} may name another file), and nothing of YAMCS is on the tests' class
 * path. Without that file, {@link #start()} skips the calling test, unless {@code TALOS_CI=true}:
 * then it fails.
 *
 * <p>The configuration is {@code src/test/resources/yamcs/} with free ports filled in. The
 * server's etc folder and its log stay in {@code target/yamcs/} for a look after a failure; its data
 * goes to a temporary folder that {@link #close()} deletes.
 */
final class YamcsServer implements AutoCloseable {

  /** The YAMCS instance the tests use. */
  static final String INSTANCE = "talos";
  /** The UDP TM data link of {@link #INSTANCE}. */
  static final String UDP_LINK = "udp-in";
  /** The TCP TM link, which connects to a telemetry server at {@link #tcpPort()}. */
  static final String TCP_LINK = "tcp-in";

  private static final String MAIN_CLASS = "org.yamcs.YamcsServer";
  private static final Path DEFAULT_CLASSPATH =
      Path.of("..", "tools", "yamcs-harness", "target", "yamcs.classpath");
  private static final List<String> CONFIGURATION = List.of("yamcs.yaml", "yamcs.talos.yaml",
      "talos.xml");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Process process;
  private final Path home;
  private final Path dataDir;
  private final int httpPort;
  private final int udpPort;
  private final int tcpPort;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private YamcsServer(Process process, Path home, Path dataDir, int httpPort, int udpPort,
                      int tcpPort) {
    this.process = process;
    this.home = home;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.udpPort = udpPort;
    this.tcpPort = tcpPort;
  }

  /**
   * Starts YAMCS on free ports and waits until its HTTP API answers and {@value #UDP_LINK} is up.
   *
   * @throws org.opentest4j.TestAbortedException when the harness's class path file is missing and
   *     {@code TALOS_CI} is not {@code true}
   * @throws AssertionError when the class path file is missing on CI, or YAMCS exits or does not
   *     become ready within 90 s (with the end of its log)
   */
  static YamcsServer start() {
    String classpath = classpath();
    try {
      Path home = Files.createDirectories(Path.of("target", "yamcs",
          LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")) + "-"
              + RUNS.incrementAndGet()).toAbsolutePath());
      Path etc = Files.createDirectories(home.resolve("etc"));
      Path dataDir = Files.createTempDirectory("talos-yamcs");
      int httpPort = freeTcpPort();
      int udpPort = freeUdpPort();
      int tcpPort = freeTcpPort();
      Map<String, String> values = Map.of(
          "@HTTP_PORT@", String.valueOf(httpPort),
          "@UDP_PORT@", String.valueOf(udpPort),
          "@TCP_PORT@", String.valueOf(tcpPort),
          "@DATA_DIR@", dataDir.resolve("data").toString(),
          "@CACHE_DIR@", dataDir.resolve("cache").toString(),
          "@INCOMING_DIR@", dataDir.resolve("incoming").toString(),
          "@ETC_DIR@", etc.toString());
      for (String name : CONFIGURATION) {
        Files.writeString(etc.resolve(name), fill(resource(name), values));
      }

      List<String> command = List.of(javaExecutable(), "-Xmx512m", "-cp", classpath, MAIN_CLASS,
          "--etc-dir", etc.toString(),
          "--data-dir", dataDir.resolve("data").toString(),
          "--cache-dir", dataDir.resolve("cache").toString(),
          "--no-color");
      Process process = new ProcessBuilder(command)
          .directory(home.toFile())
          .redirectErrorStream(true)
          .redirectOutput(home.resolve("yamcs.log").toFile())
          .start();
      YamcsServer server = new YamcsServer(process, home, dataDir, httpPort, udpPort, tcpPort);
      try {
        server.awaitReady();
      } catch (RuntimeException | AssertionError e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The UDP port {@value #UDP_LINK} listens on (all interfaces; tests send to loopback). */
  int udpPort() {
    return udpPort;
  }

  /**
   * The port {@value #TCP_LINK} connects to, retrying every 10 s: where a {@code yamcs-tcp}
   * destination of the core must listen.
   */
  int tcpPort() {
    return tcpPort;
  }

  /** The root of YAMCS's HTTP API, such as {@code http://127.0.0.1:8090}. */
  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The file YAMCS logs to, kept after the test. */
  Path log() {
    return home.resolve("yamcs.log");
  }

  /**
   * The packets {@value #UDP_LINK} has received, as YAMCS counts them: its {@code dataInCount}
   * from {@code GET /api/links/talos/udp-in}.
   */
  long receivedPackets() {
    return receivedPackets(UDP_LINK);
  }

  /** The packets a link has received, as YAMCS counts them. */
  long receivedPackets(String linkName) {
    JsonObject link = getJson("/api/links/" + INSTANCE + "/" + linkName);
    return Long.parseLong(String.valueOf(link.getValue("dataInCount", 0)));
  }

  /**
   * The packets of {@value #UDP_LINK} in YAMCS's archive, oldest first, each as its bytes: every
   * page of {@code GET /api/archive/talos/packets}.
   */
  List<byte[]> archivedPackets() {
    List<byte[]> packets = new ArrayList<>();
    String next = null;
    do {
      String query = "/api/archive/" + INSTANCE + "/packets?order=asc&limit=500&link=" + UDP_LINK
          + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      JsonObject page = getJson(query);
      JsonArray list = page.getJsonArray("packets", page.getJsonArray("packet", new JsonArray()));
      for (int i = 0; i < list.size(); i++) {
        packets.add(Base64.getDecoder().decode(list.getJsonObject(i).getString("packet")));
      }
      next = page.getString("continuationToken");
    } while (next != null);
    return packets;
  }

  /** Stops YAMCS (and anything it started), then deletes its data; its log and etc stay. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    children.forEach(ProcessHandle::destroyForcibly);
    deleteRecursively(dataDir);
  }

  private void awaitReady() {
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("YAMCS exited with " + process.exitValue() + "; the end of "
                + log() + ":\n" + tail());
          }
          HttpResponse<String> answer = get("/api/links/" + INSTANCE + "/" + UDP_LINK);
          return answer.statusCode() == 200
              && "OK".equals(new JsonObject(answer.body()).getString("status"));
        });
  }

  private JsonObject getJson(String path) {
    HttpResponse<String> answer = get(path);
    if (answer.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + answer.statusCode() + ": "
          + answer.body());
    }
    return new JsonObject(answer.body());
  }

  private HttpResponse<String> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "application/json")
        .GET()
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read the log: " + e.getMessage() + ")";
    }
  }

  /** The class path the harness's build wrote, or a skip (a failure on CI) without it. */
  private static String classpath() {
    Path file = Path.of(System.getProperty("talos.yamcs.classpath", DEFAULT_CLASSPATH.toString()));
    String missing = null;
    String classpath = null;
    try {
      if (!Files.isRegularFile(file)) {
        missing = file.toAbsolutePath().normalize() + " does not exist";
      } else {
        classpath = Files.readString(file).strip();
        Path first = Path.of(classpath.split(File.pathSeparator)[0]);
        if (classpath.isEmpty() || !Files.isRegularFile(first)) {
          missing = file.toAbsolutePath().normalize() + " names " + first + ", which is missing";
        }
      }
    } catch (IOException e) {
      missing = "cannot read " + file + ": " + e.getMessage();
    }
    if (missing != null) {
      String message = "YAMCS's class path is not there (" + missing + "); build the harness"
          + " first: ./mvnw -pl tools/yamcs-harness install";
      if ("true".equals(System.getenv("TALOS_CI"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message + "; skipping the test against YAMCS");
    }
    return classpath;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = YamcsServer.class.getResourceAsStream("/yamcs/" + name)) {
      if (in == null) {
        throw new IOException("no test resource yamcs/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String fill(String template, Map<String, String> values) {
    String filled = template;
    for (Map.Entry<String, String> value : values.entrySet()) {
      filled = filled.replace(value.getKey(), value.getValue());
    }
    return filled;
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
