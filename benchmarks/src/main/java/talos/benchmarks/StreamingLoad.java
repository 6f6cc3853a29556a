package talos.benchmarks;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.FunctionCounter;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.CoreNode;
import talos.core.bus.Addresses;
import talos.core.config.CoreConfig;
import talos.protocol.Channel;
import talos.protocol.ReceivedFrames;
import talos.protocol.StationTopic;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
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
 * Load harness of streaming: starts a node running the {@code gateway} and {@code streaming}
 * features on the embedded database, with one organisation, its stations and two UDP destinations
 * that take every frame; connects the stations over MQTT from a second Vert.x instance and has them
 * publish frames of 256 bytes at a fixed total rate, in batches as an agent does; and receives both
 * destinations' datagrams on loopback. It reports frames per second published and received by
 * each destination, the frames lost (published but never received), and the added latency from
 * the station's publish to the destination's receipt, which each frame carries in its first bytes.
 *
 * <p>Station keys are checked by a stand-in for {@code talos.auth.station.verify}, as in
 * {@link GatewayLoad}. Frames are stored in PostgreSQL as in production.
 */
public final class StreamingLoad {

  private static final Logger LOG = LoggerFactory.getLogger(StreamingLoad.class);
  private static final String ORG = "bench";
  private static final String KEY = "tsk_" + "S".repeat(43);
  private static final int FRAME_BYTES = 256;
  private static final long TICK_MILLIS = 20;
  private static final int DESTINATIONS = 2;
  private static final int CLIENT_EVENT_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final int stations;
  private final int rate;
  private final int seconds;
  private final int warmUp;
  private final long origin = System.nanoTime();
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(10), 3);
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong[] received = {new AtomicLong(), new AtomicLong()};
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean measuring;

  private StreamingLoad(int stations, int rate, int seconds, int warmUp) {
    this.stations = stations;
    this.rate = rate;
    this.seconds = seconds;
    this.warmUp = warmUp;
  }

  /**
   * Runs the harness: {@code --stations N} publishing (default 20), {@code --rate F} frames a
   * second in all (default 10000), {@code --seconds S} measured (default 30) after {@code
   * --warm-up S} (default 15).
   */
  public static void main(String[] args) throws Exception {
    int stations = 20;
    int rate = 10_000;
    int seconds = 30;
    int warmUp = 15;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--stations" -> stations = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
        default -> {
          LOG.error("usage: java -cp benchmarks.jar talos.benchmarks.StreamingLoad"
              + " [--stations N] [--rate FRAMES_PER_SECOND] [--seconds S] [--warm-up S]");
          System.exit(2);
        }
      }
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("talos.core")).setLevel(Level.WARN);
    new StreamingLoad(stations, rate, seconds, warmUp).run();
    System.exit(0);
  }

  private void run() throws Exception {
    Path data = Files.createTempDirectory("talos-streaming-load");
    CoreNode node = CoreNode.start(config(data)).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS));
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < DESTINATIONS; i++) {
      ports.add(receiver(i));
    }
    UUID orgId = UUID.nameUUIDFromBytes(ORG.getBytes());
    List<String> ids = register(node.context().pool(), orgId, ports);
    standInKeyCheck(node.vertx(), orgId, new HashSet<>(ids));
    List<MqttClient> connected = connectAll(clients, node.mqttPort(), ids);
    LOG.info("stations connected [stations: {}, destinations: {}]", stations, DESTINATIONS);

    List<Long> timers = startPublishing(clients, ids, connected);
    LOG.info("warming up [seconds: {}]", warmUp);
    TimeUnit.SECONDS.sleep(warmUp);
    long publishedBefore = published.get();
    long[] receivedBefore = {received[0].get(), received[1].get()};
    latencies.reset();
    measuring = true;
    long start = System.nanoTime();
    for (int second = 1; second <= seconds; second++) {
      TimeUnit.SECONDS.sleep(1);
      if (second % 5 == 0) {
        LOG.info("measuring [second: {}, published: {}, received: {} / {}]", second,
            published.get() - publishedBefore, received[0].get() - receivedBefore[0],
            received[1].get() - receivedBefore[1]);
      }
    }
    timers.forEach(clients::cancelTimer);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long offered = published.get() - publishedBefore;
    // what was published during the window has a few seconds to arrive
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && (received[0].get() < published.get()
        || received[1].get() < published.get())) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    measuring = false;
    Histogram window = latencies.getIntervalHistogram();
    long lost = 2 * published.get() - received[0].get() - received[1].get();
    long stored = node.context().pool().query("SELECT count(*) FROM frame").execute()
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
        .iterator().next().getLong(0);

    for (String name : new String[] {"sent", "failed", "dropped"}) {
      double total = node.context().meterRegistry().find("talos.streaming.destination." + name)
          .functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
      LOG.info("destinations' frames {} in total: {}", name, String.format("%.0f", total));
    }
    LOG.info("streaming load result [stations: {}, offered: {} frames/s of {} bytes, received:"
            + " {} and {} frames/s, lost in total: {} of {} sent to each destination, added latency"
            + " p50: {} ms, p99: {} ms, p99.9: {} ms, max: {} ms, frames stored: {}]",
        stations, String.format("%.0f", offered / elapsed), FRAME_BYTES,
        String.format("%.0f", (received[0].get() - receivedBefore[0]) / elapsed),
        String.format("%.0f", (received[1].get() - receivedBefore[1]) / elapsed),
        lost, published.get(), millis(window.getValueAtPercentile(50)),
        millis(window.getValueAtPercentile(99)), millis(window.getValueAtPercentile(99.9)),
        millis(window.getMaxValue()), stored);
    node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    deleteTree(data);
  }

  private static CoreConfig config(Path data) throws IOException {
    try (InputStream in = StreamingLoad.class.getClassLoader().getResourceAsStream("conf/core.json")) {
      JsonObject defaults = new JsonObject(Buffer.buffer(in.readAllBytes()));
      return CoreConfig.from(defaults.mergeIn(new JsonObject()
          .put("TALOS_DATA_DIR", data.toString())
          .put("TALOS_FEATURES", "gateway,streaming")
          .put("TALOS_MQTT_PORT", "0")
          .put("TALOS_CATALOGUE_SOURCES", "")));
    }
  }

  /** Writes the organisation, its stations and its two destinations; returns the station ids. */
  private List<String> register(Pool pool, UUID orgId, List<Integer> ports) throws Exception {
    pool.preparedQuery("INSERT INTO organisation (id, slug, name) VALUES ($1, $2, $3)")
        .execute(Tuple.of(orgId, ORG, "Streaming load")).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < stations; i++) {
      UUID id = UUID.randomUUID();
      pool.preparedQuery("""
              INSERT INTO station (id, org_id, name, latitude, longitude, altitude, key_hash)
              VALUES ($1, $2, $3, 52.5, 13.4, 40, 'not used: keys are checked by a stand-in')""")
          .execute(Tuple.of(id, orgId, "load " + i)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      ids.add(id.toString());
    }
    for (int i = 0; i < ports.size(); i++) {
      pool.preparedQuery("""
              INSERT INTO destination (org_id, name, kind, host, port, all_frames)
              VALUES ($1, $2, 'udp', '127.0.0.1', $3, true)""")
          .execute(Tuple.of(orgId, "receiver " + i, ports.get(i))).toCompletionStage()
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    return ids;
  }

  /**
   * A UDP receiver that counts datagrams and records each frame's added latency: a plain channel
   * read by a thread of its own with a 4 MiB socket buffer, so that the receiving end, which stands
   * for a mission-control system on another machine, neither competes with the event loops nor
   * loses datagrams in bursts.
   */
  private int receiver(int index) throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread reader = new Thread(() -> {
      ByteBuffer packet = ByteBuffer.allocateDirect(2048);
      try {
        while (channel.isOpen()) {
          packet.clear();
          channel.receive(packet);
          long sentAt = packet.getLong(8);
          if (measuring) {
            latencies.recordValue(Math.max(0, System.nanoTime() - origin - sentAt));
          }
          received[index].incrementAndGet();
        }
      } catch (IOException e) {
        LOG.debug("receiver {} closed", index);
      }
    }, "receiver-" + index);
    reader.setDaemon(true);
    reader.start();
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  private static void standInKeyCheck(Vertx vertx, UUID orgId, Set<String> ids) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.AUTH_STATION_VERIFY, message -> {
      String id = message.body().getString("stationId");
      if (ids.contains(id) && KEY.equals(message.body().getString("key"))) {
        message.reply(new JsonObject().put("stationId", id).put("name", "load " + id)
            .put("orgId", orgId.toString()).put("orgSlug", ORG));
      } else {
        message.fail(401, "unknown station or wrong key");
      }
    }).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private List<MqttClient> connectAll(Vertx vertx, int port, List<String> ids) throws Exception {
    List<MqttClient> connected = new ArrayList<>();
    List<Future<?>> connecting = new ArrayList<>();
    for (String id : ids) {
      MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(id)
          .setUsername(id).setPassword(KEY).setKeepAliveInterval(60).setAutoKeepAlive(true)
          .setMaxInflightQueue(10_000));
      connected.add(client);
      connecting.add(client.connect(port, "127.0.0.1"));
    }
    Future.all(connecting).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return connected;
  }

  /**
   * Each station publishes its share of the rate as one batch every tick, the stations spread
   * evenly over the tick as independent stations would be. A frame holds its sequence number
   * (bytes 0–7), its publish time in nanoseconds since the run began (8–15) and filler up to 256
   * bytes; the sequence number makes every frame distinct.
   */
  private List<Long> startPublishing(Vertx vertx, List<String> ids, List<MqttClient> clients) {
    double perStationPerTick = (double) rate * TICK_MILLIS / 1000.0 / ids.size();
    List<Long> timers = new ArrayList<>();
    for (int s = 0; s < ids.size(); s++) {
      MqttClient client = clients.get(s);
      String topic = new StationTopic(ORG, ids.get(s), Channel.FRAMES).name();
      double[] owed = new double[1];
      long phase = 1 + TICK_MILLIS * s / ids.size();
      vertx.setTimer(phase, first -> timers.add(vertx.setPeriodic(TICK_MILLIS, tick -> {
        owed[0] += perStationPerTick;
        int count = (int) owed[0];
        if (count == 0) {
          return;
        }
        owed[0] -= count;
        long sentAt = System.nanoTime() - origin;
        Instant now = Instant.now();
        List<ReceivedFrames.Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          ByteBuffer frame = ByteBuffer.allocate(FRAME_BYTES);
          frame.putLong(sequence.incrementAndGet()).putLong(sentAt);
          frames.add(new ReceivedFrames.Frame(now, 25544, null, 437_800_000L, frame.array(),
              -105.0, 10.0));
        }
        client.publish(topic, new ReceivedFrames(frames).toJson().toBuffer(),
            MqttQoS.AT_LEAST_ONCE, false, false);
        published.addAndGet(count);
      })));
    }
    return timers;
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String millis(long nanos) {
    return String.format("%.2f", nanos / 1e6);
  }
}
