package talos.benchmarks;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.CoreNode;
import talos.core.bus.Addresses;
import talos.core.config.CoreConfig;
import talos.protocol.PointingSetpoints;
import talos.protocol.StationTopic;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load harness of the MQTT gateway: starts a node running only the {@code gateway} feature (on the
 * embedded database), connects many station clients from a separate Vert.x instance, each
 * subscribed to its {@code cmd/#}, and sends every station pointing setpoints at a fixed rate
 * through {@code talos.gateway.station.{id}}, as the tracking feature would. It reports delivered
 * messages per second, publish-to-receive latency and heap per connection.
 *
 * <p>Station keys are checked by a stand-in for {@code talos.auth.station.verify} that accepts the
 * harness's stations, so the run measures the gateway rather than thousands of Argon2id hashes.
 * Each setpoint carries its send time (nanoseconds since the run began) as its epoch, which also
 * keeps epochs increasing as the protocol asks.
 */
public final class GatewayLoad {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayLoad.class);
  private static final String ORG = "bench";
  private static final String KEY = "tsk_" + "B".repeat(43);
  private static final long TICK_MILLIS = 5;
  private static final int CONNECTING_AT_ONCE = 100;
  private static final String EPOCH_FIELD = "\"epoch\":";
  private static final int WARM_UP_SECONDS = 20;
  /** The simulated stations get one event loop per core, like the gateway; more only contend. */
  private static final int CLIENT_EVENT_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final int stations;
  private final int rate;
  private final int seconds;
  private final long origin = System.nanoTime();
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();

  private GatewayLoad(int stations, int rate, int seconds) {
    this.stations = stations;
    this.rate = rate;
    this.seconds = seconds;
  }

  /**
   * Runs the harness: {@code --stations N} (default 2000), {@code --rate HZ} setpoints per station
   * and second (default 10), {@code --seconds S} measured (default 30, after 20 s of warm-up).
   */
  public static void main(String[] args) throws Exception {
    int stations = 2000;
    int rate = 10;
    int seconds = 30;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--stations" -> stations = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        default -> {
          LOG.error("usage: java -cp benchmarks.jar talos.benchmarks.GatewayLoad"
              + " [--stations N] [--rate HZ] [--seconds S]");
          System.exit(2);
        }
      }
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("talos.core")).setLevel(Level.WARN);
    new GatewayLoad(stations, rate, seconds).run();
    System.exit(0);
  }

  private void run() throws Exception {
    Path data = Files.createTempDirectory("talos-gateway-load");
    CoreNode node = CoreNode.start(config(data)).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    standInKeyCheck(node.vertx(), new HashSet<>(ids));
    Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = heapAfterGc(memory);

    long connectStart = System.nanoTime();
    connectAll(clients, node.mqttPort(), ids);
    double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
    long heapWith = heapAfterGc(memory);
    LOG.info("stations connected and subscribed [stations: {}, seconds: {}]", stations,
        String.format("%.1f", connectSeconds));

    long timer = startSending(node.vertx(), ids);
    LOG.info("warming up [seconds: {}]", WARM_UP_SECONDS);
    waitSeconds(WARM_UP_SECONDS);
    caughtUp();
    latencies.reset();
    long receivedBefore = received.get();
    long sentBefore = sent.get();
    long start = System.nanoTime();
    for (int second = 1; second <= seconds; second++) {
      waitSeconds(1);
      if (second % 5 == 0) {
        LOG.info("measuring [second: {}, delivered: {}]", second, received.get() - receivedBefore);
      }
    }
    Histogram window = latencies.getIntervalHistogram();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long delivered = received.get() - receivedBefore;
    long offered = sent.get() - sentBefore;
    node.vertx().cancelTimer(timer);

    LOG.info("gateway load result [stations: {}, rate: {} Hz, offered: {} msg/s, delivered: {}"
            + " msg/s, latency p50: {} ms, p99: {} ms, p99.9: {} ms, max: {} ms, heap per"
            + " connection: {} KiB, connect time: {} s]",
        stations, rate, String.format("%.0f", offered / elapsed),
        String.format("%.0f", delivered / elapsed), millis(window.getValueAtPercentile(50)),
        millis(window.getValueAtPercentile(99)), millis(window.getValueAtPercentile(99.9)),
        millis(window.getMaxValue()),
        String.format("%.1f", (heapWith - heapBefore) / 1024.0 / stations),
        String.format("%.1f", connectSeconds));
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    deleteTree(data);
  }

  private static CoreConfig config(Path data) throws IOException {
    try (InputStream in = GatewayLoad.class.getClassLoader().getResourceAsStream("conf/core.json")) {
      JsonObject defaults = new JsonObject(Buffer.buffer(in.readAllBytes()));
      return CoreConfig.from(defaults.mergeIn(new JsonObject()
          .put("TALOS_DATA_DIR", data.toString())
          .put("TALOS_FEATURES", "gateway")
          .put("TALOS_MQTT_PORT", "0")
          .put("TALOS_CATALOGUE_SOURCES", "")));
    }
  }

  /** Answers key checks for the harness's stations, as the auth feature would after its cache. */
  private static void standInKeyCheck(Vertx vertx, Set<String> ids) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_STATION_VERIFY, message -> {
      String id = message.body().getString("stationId");
      if (ids.contains(id) && KEY.equals(message.body().getString("key"))) {
        message.reply(new JsonObject().put("stationId", id).put("name", "load " + id)
            .put("orgId", UUID.nameUUIDFromBytes(ORG.getBytes()).toString()).put("orgSlug", ORG));
      } else {
        message.fail(401, "unknown station or wrong key");
      }
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void connectAll(Vertx vertx, int port, List<String> ids) throws Exception {
    for (int from = 0; from < ids.size(); from += CONNECTING_AT_ONCE) {
      List<Future<?>> batch = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + CONNECTING_AT_ONCE))) {
        batch.add(connect(vertx, port, id));
      }
      Future.all(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      if ((from + CONNECTING_AT_ONCE) % 500 == 0) {
        LOG.info("connecting [stations: {}/{}]", from + CONNECTING_AT_ONCE, ids.size());
      }
    }
  }

  private Future<?> connect(Vertx vertx, int port, String id) {
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions()
        .setClientId(id).setUsername(id).setPassword(KEY).setKeepAliveInterval(60)
        .setAutoKeepAlive(true));
    client.publishHandler(message -> {
      long epoch = epoch(message.payload());
      latencies.recordValue(Math.max(0, System.nanoTime() - origin - epoch));
      received.incrementAndGet();
    });
    return client.connect(port, "127.0.0.1")
        .compose(ack -> client.subscribe(StationTopic.commandFilter(ORG, id), 0));
  }

  /** Sends every station {@code rate} setpoints a second, spread over ticks of 5 ms. */
  private long startSending(Vertx vertx, List<String> ids) {
    EventBus bus = vertx.eventBus();
    DeliveryOptions options = new DeliveryOptions();
    double perTick = (double) ids.size() * rate * TICK_MILLIS / 1000.0;
    double[] owed = new double[1];
    int[] next = new int[1];
    return vertx.setPeriodic(TICK_MILLIS, id -> {
      owed[0] += perTick;
      while (owed[0] >= 1) {
        owed[0] -= 1;
        String station = ids.get(next[0]);
        next[0] = (next[0] + 1) % ids.size();
        long epoch = System.nanoTime() - origin;
        PointingSetpoints setpoint = new PointingSetpoints(epoch, "load", List.of(
            new PointingSetpoints.Point(Instant.now(), 180.0, 45.0)));
        bus.send(Addresses.GATEWAY_STATION_PREFIX + station, new JsonObject()
            .put("channel", "cmd/rot").put("payload", setpoint.toJson()), options);
        sent.incrementAndGet();
      }
    });
  }

  /**
   * The {@code epoch} field of a setpoint message, read without parsing the rest: the simulated
   * stations share the machine with the gateway, so they should cost as little as possible.
   */
  static long epoch(Buffer payload) {
    String text = payload.toString(StandardCharsets.US_ASCII);
    int at = text.indexOf(EPOCH_FIELD) + EPOCH_FIELD.length();
    int end = at;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return Long.parseLong(text, at, end, 10);
  }

  /**
   * Waits until what the warm-up left queued (while the JIT compiler competed for the cores) has
   * been delivered, so the measurement sees the steady state; gives up after 30 s and measures
   * anyway.
   */
  private void caughtUp() throws InterruptedException {
    for (int i = 0; i < 300 && sent.get() - received.get() > stations; i++) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    LOG.info("backlog after warm-up [messages: {}]", sent.get() - received.get());
  }

  /** Removes the run's data folder, embedded database included. */
  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static void waitSeconds(int seconds) throws InterruptedException {
    TimeUnit.SECONDS.sleep(seconds);
  }

  private static String millis(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }
}
