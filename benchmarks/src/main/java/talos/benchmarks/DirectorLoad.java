package talos.benchmarks;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.HdrHistogram.Histogram;
import org.orekit.propagation.analytical.tle.TLE;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.CoreNode;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.config.CoreConfig;
import talos.core.director.DirectorVerticle;
import talos.core.orbit.OrbitContext;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Load harness of the director: starts a node on the embedded database, deploys the director one
 * instance per CPU as the node does (the production {@link DirectorVerticle}: its beat, its
 * {@code talos.director.tick.lag} timer, its refreshes from PostgreSQL every 5 s, its planning on
 * worker threads), and gives it one planned pass under way on each of N stations, as the scheduler
 * would: stations placed under real satellites of the 2026-03-19 element set, each with a
 * transmitter (downlink and uplink), so every tick computes pointing and Doppler setpoints for
 * every station. The gateway is a stand-in ({@link StandInGateway}) that reports the stations
 * connected, acknowledges session commands and counts the setpoints handed to it.
 *
 * <p>Passes are written in batches, each announced on {@code talos.schedule.changed}, until every
 * station is streaming; after a warm-up the harness measures for the given seconds and reports
 * setpoint messages per second, tick lag (the director's own timer, its window set to the
 * measurement), ticks missed per station, the age of setpoints at hand-over, CPU and GC.
 */
public final class DirectorLoad {

  /** The targets of the issue: stations streaming at the rate, tick lag p99. */
  static final int TARGET_STATIONS = 5_000;
  static final int TARGET_RATE = 10;
  static final double TARGET_LAG_P99_MILLIS = 50;

  private static final Logger LOG = LoggerFactory.getLogger(DirectorLoad.class);
  private static final String TICK_LAG = "talos.director.tick.lag";
  private static final int CPUS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Passes written at once while the sessions ramp up. */
  private static final int BATCH = 500;
  /** The longest the ramp-up may take; the passes are chosen to last past it. */
  private static final Duration RAMP_LIMIT = Duration.ofMinutes(3);
  private static final long DOWNLINK_HZ = 437_800_000L;
  private static final long UPLINK_HZ = 145_900_000L;
  private static final JsonObject ROTATOR = new JsonObject()
      .put("azimuth", new JsonObject().put("min", 0).put("max", 450))
      .put("elevation", new JsonObject().put("min", 0).put("max", 180))
      .put("azimuthSpeed", 6.0).put("elevationSpeed", 6.0);

  /**
   * What to run.
   *
   * @param warmUp seconds at full load before the measurement
   * @param satellites how many satellites the stations share
   */
  record Options(int stations, int rate, int seconds, int warmUp, int satellites,
                 Path elementSets) {
  }

  /**
   * What a run measured, over the measurement window.
   *
   * @param streaming stations that received setpoints in the window
   * @param ticks ticks the director instances fired; {@code expectedTicks} at the rate
   * @param missed ticks a station went without setpoints, summed over the stations
   * @param wrong setpoint messages whose epoch went down or whose tick time did not advance
   * @param lagP50 tick lag in milliseconds, likewise {@code lagP99}, {@code lagMax}
   * @param ageP50 milliseconds from a tick's time to its pointing message's hand-over, likewise
   *     {@code ageP99}, {@code ageMax}
   * @param cpu the process's CPU use, in CPUs (2.0 is both cores)
   * @param loops each event loop's CPU use, in CPUs, and its allocation in MB/s
   */
  record Result(Options options, int streaming, double seconds, long pointing, long radio,
                long ticks, long expectedTicks, long missed, long wrong, double lagP50,
                double lagP99, double lagMax, double ageP50, double ageP99, double ageMax,
                double cpu, long gcCount, long gcMillis, double loadAverage,
                Map<String, String> loops) {

    double messagesPerSecond() {
      return (pointing + radio) / seconds;
    }

    /** Whether the target is met (at its station count and rate, or more). */
    boolean meetsTarget() {
      return options.stations() >= TARGET_STATIONS && options.rate() >= TARGET_RATE
          && streaming == options.stations() && missed == 0 && lagP99 <= TARGET_LAG_P99_MILLIS;
    }
  }

  private final Options options;

  DirectorLoad(Options options) {
    this.options = options;
  }

  /**
   * Runs the harness: {@code --stations N} (default 5000), {@code --rate HZ} ticks a second
   * (default 10, at most 20), {@code --seconds S} measured (default 60) after {@code --warm-up S}
   * (default 20), {@code --satellites K} shared by the stations (default 200), {@code
   * --element-sets FILE} (default the 2026-03-19 set in the core's test resources).
   */
  public static void main(String[] args) throws Exception {
    int stations = TARGET_STATIONS;
    int rate = TARGET_RATE;
    int seconds = 60;
    int warmUp = 20;
    int satellites = 200;
    Path elementSets = Path.of("core/src/test/resources/catalog/active-2026-03-19.tle");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--stations" -> stations = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
        case "--satellites" -> satellites = Integer.parseInt(args[++i]);
        case "--element-sets" -> elementSets = Path.of(args[++i]);
        default -> {
          LOG.error("usage: java -cp benchmarks.jar talos.benchmarks.DirectorLoad [--stations N]"
              + " [--rate HZ] [--seconds S] [--warm-up S] [--satellites K] [--element-sets FILE]");
          System.exit(2);
        }
      }
    }
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("talos.core")).setLevel(Level.WARN);
    Result result = new DirectorLoad(new Options(stations, rate, seconds, warmUp,
        Math.min(satellites, stations), elementSets)).run();
    report(result);
    System.exit(0);
  }

  /** Runs one load and returns what it measured; the node and its data are gone afterwards. */
  Result run() throws Exception {
    OrbitContext orbit = OrbitContext.offline();
    List<TLE> elements = ElementSets.load(options.elementSets().toString(), orbit);
    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant until = from.plus(RAMP_LIMIT).plusSeconds(options.warmUp() + options.seconds() + 60);
    long placing = System.nanoTime();
    List<LoadPasses.Station> stations = LoadPasses.place(orbit, elements, options.stations(),
        options.satellites(), from, until);
    LOG.info("stations placed under passes [stations: {}, satellites: {}, seconds: {}]",
        stations.size(), options.satellites(), seconds(placing));

    Path data = Files.createTempDirectory("talos-director-load");
    CoreNode node = CoreNode.start(config(data, options.rate())).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    try {
      Vertx vertx = node.vertx();
      Pool pool = node.context().pool();
      Map<String, UUID> seeded = seed(pool, orbit, stations);
      StandInGateway.Board board = new StandInGateway.Board(
          stations.stream().map(station -> station.id().toString()).toList(), CPUS,
          options.rate());
      await(vertx.deployVerticle(() -> new StandInGateway(board),
          new DeploymentOptions().setInstances(CPUS)));
      PrometheusMeterRegistry registry = registry();
      NodeContext context = node.context();
      NodeContext measured = new NodeContext(context.config(), context.pool(), context.cluster(),
          registry, context.rateLimiter(), context.schemaVersion(), context.version(),
          context.startedAt());
      String director = await(vertx.deployVerticle(() -> new DirectorVerticle(measured),
          new DeploymentOptions().setInstances(CPUS)));
      LOG.info("director deployed [instances: {}, rate: {} Hz]", CPUS, options.rate());

      rampUp(vertx, pool, seeded, stations, board);
      LOG.info("warming up [seconds: {}]", options.warmUp());
      TimeUnit.SECONDS.sleep(options.warmUp());
      Result result = measure(registry, board);
      // the director rightly warns that it stops while driving every station
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("talos.core.director"))
          .setLevel(Level.ERROR);
      await(vertx.undeploy(director));
      return result;
    } finally {
      node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      deleteTree(data);
    }
  }

  /**
   * The node's registry stand-in for the director: the tick lag timer keeps its percentiles over
   * the measurement window (in one-second steps) instead of the default two minutes, and its
   * maximum as the 100th percentile of that window.
   */
  private PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    int window = Math.max(1, options.seconds());
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!TICK_LAG.equals(id.getName())) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentiles(0.5, 0.99, 1.0)
            .percentilePrecision(2)
            .expiry(Duration.ofSeconds(window))
            .bufferLength(window)
            .build()
            .merge(config);
      }
    });
    return registry;
  }

  /**
   * Writes the organisation, a campaign, the satellites with their element set and a transmitter,
   * and the stations (with a rotator turning 6°/s); returns the campaign and organisation ids.
   */
  private static Map<String, UUID> seed(Pool pool, OrbitContext orbit,
                                        List<LoadPasses.Station> stations) throws Exception {
    UUID org = await(pool.preparedQuery("INSERT INTO organisation (slug, name) VALUES ($1, $2)"
        + " RETURNING id").execute(Tuple.of("bench", "Director load"))).iterator().next()
        .getUUID("id");
    UUID campaign = await(pool.preparedQuery("INSERT INTO campaign (org_id, name, status)"
            + " VALUES ($1, $2, 'active') RETURNING id").execute(Tuple.of(org, "load")))
        .iterator().next().getUUID("id");
    Map<Integer, TLE> satellites = new LinkedHashMap<>();
    stations.forEach(station -> satellites.putIfAbsent(station.norad(), station.elements()));
    List<Tuple> satelliteRows = new ArrayList<>();
    List<Tuple> tleRows = new ArrayList<>();
    List<Tuple> transmitterRows = new ArrayList<>();
    for (TLE tle : satellites.values()) {
      int norad = tle.getSatelliteNumber();
      satelliteRows.add(Tuple.of(norad, "LOAD " + norad));
      tleRows.add(Tuple.of(norad, time(orbit.instant(tle.getDate())), tle.getLine1(),
          tle.getLine2()));
      transmitterRows.add(Tuple.of(transmitter(norad), norad, DOWNLINK_HZ, UPLINK_HZ));
    }
    await(pool.preparedQuery("INSERT INTO satellite (norad_id, name, status)"
        + " VALUES ($1, $2, 'alive')").executeBatch(satelliteRows));
    await(pool.preparedQuery("INSERT INTO tle (norad_id, epoch, line1, line2, source)"
        + " VALUES ($1, $2, $3, $4, 'bench')").executeBatch(tleRows));
    await(pool.preparedQuery("INSERT INTO transmitter (id, norad_id, description, downlink_low,"
        + " uplink_low, mode, status, source) VALUES ($1, $2, 'load', $3, $4, 'FM', 'active',"
        + " 'bench')").executeBatch(transmitterRows));
    List<Tuple> stationRows = new ArrayList<>();
    for (LoadPasses.Station station : stations) {
      stationRows.add(Tuple.of(station.id(), org, station.name(), station.latitude(),
          station.longitude(), 0.0, ROTATOR, "unused"));
    }
    await(pool.preparedQuery("INSERT INTO station (id, org_id, name, latitude, longitude,"
        + " altitude, rotator, key_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .executeBatch(stationRows));
    return Map.of("org", org, "campaign", campaign);
  }

  /**
   * Plans the stations' passes a batch at a time, announcing each batch as the scheduler does,
   * and waits until every station is streaming (or the ramp-up limit passes).
   */
  private void rampUp(Vertx vertx, Pool pool, Map<String, UUID> seeded,
                      List<LoadPasses.Station> stations, StandInGateway.Board board)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + RAMP_LIMIT.toNanos();
    for (int from = 0; from < stations.size(); from += BATCH) {
      List<LoadPasses.Station> batch = stations.subList(from, Math.min(stations.size(),
          from + BATCH));
      List<Tuple> rows = new ArrayList<>();
      for (LoadPasses.Station station : batch) {
        rows.add(Tuple.from(new Object[] {seeded.get("org"), seeded.get("campaign"),
            station.id(), station.norad(), transmitter(station.norad()),
            time(station.pass().aos()), time(station.pass().tca()), time(station.pass().los()),
            station.pass().maxElevation(), station.pass().aosAzimuth(),
            station.pass().losAzimuth()}));
      }
      await(pool.preparedQuery("INSERT INTO planned_pass (org_id, campaign_id, station_id,"
          + " norad_id, transmitter_id, aos, tca, los, max_elevation, aos_azimuth, los_azimuth,"
          + " status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'planned')")
          .executeBatch(rows));
      vertx.eventBus().publish(Addresses.SCHEDULE_CHANGED, new JsonObject().put("stationIds",
          new JsonArray(batch.stream().map(station -> station.id().toString()).toList())));
      int planned = from + batch.size();
      while (board.streaming() < planned && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
      LOG.info("ramping up [planned: {}, streaming: {}, seconds: {}]", planned,
          board.streaming(), seconds(start));
    }
    if (board.streaming() < stations.size()) {
      LOG.warn("not every station is streaming after the ramp-up [streaming: {}, stations: {}]",
          board.streaming(), stations.size());
    }
  }

  private Result measure(PrometheusMeterRegistry registry, StandInGateway.Board board)
      throws InterruptedException {
    Timer lag = registry.get(TICK_LAG).timer();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long[] loops = eventLoops(threads);
    long[] loopCpu = threads.getThreadCpuTime(loops);
    long[] loopBytes = threads.getThreadAllocatedBytes(loops);
    long cpu = os.getProcessCpuTime();
    long gcCount = gcCount();
    long gcMillis = gcMillis();
    long ticks = lag.count();
    board.measure();
    long start = System.nanoTime();
    for (int second = 1; second <= options.seconds(); second++) {
      TimeUnit.SECONDS.sleep(1);
      if (second % 5 == 0) {
        LOG.info("measuring [second: {}, tick lag p99 of the last {} s: {} ms]", second,
            options.seconds(), format(percentile(lag.takeSnapshot(), 0.99)));
      }
    }
    board.stop();
    double elapsed = (System.nanoTime() - start) / 1e9;
    HistogramSnapshot snapshot = lag.takeSnapshot();
    long fired = lag.count() - ticks;
    double usedCpu = (os.getProcessCpuTime() - cpu) / 1e9 / elapsed;
    Map<String, String> perLoop = new LinkedHashMap<>();
    long[] loopCpuAfter = threads.getThreadCpuTime(loops);
    long[] loopBytesAfter = threads.getThreadAllocatedBytes(loops);
    ThreadInfo[] infos = threads.getThreadInfo(loops);
    for (int i = 0; i < loops.length; i++) {
      if (infos[i] != null) {
        perLoop.put(infos[i].getThreadName(), format((loopCpuAfter[i] - loopCpu[i]) / 1e9 / elapsed)
            + " CPU, " + format((loopBytesAfter[i] - loopBytes[i]) / 1e6 / elapsed) + " MB/s");
      }
    }
    long pointing = 0;
    long radio = 0;
    long missed = 0;
    int streaming = 0;
    for (int i = 0; i < board.size(); i++) {
      pointing += board.pointing(i);
      radio += board.radio(i);
      missed += board.missed(i);
      streaming += board.pointing(i) > 0 ? 1 : 0;
    }
    Histogram ages = board.ages();
    return new Result(options, streaming, elapsed, pointing, radio, fired,
        Math.round(elapsed * options.rate() * CPUS), missed, board.wrong(),
        percentile(snapshot, 0.5), percentile(snapshot, 0.99),
        percentile(snapshot, 1.0),
        ages.getValueAtPercentile(50) / 1e3, ages.getValueAtPercentile(99) / 1e3,
        ages.getMaxValue() / 1e3, usedCpu, gcCount() - gcCount, gcMillis() - gcMillis,
        os.getSystemLoadAverage(), perLoop);
  }

  /** Logs a run's result and the verdict against the targets. */
  static void report(Result result) {
    Options options = result.options();
    LOG.info("director load result [stations: {}, streaming: {}, rate: {} Hz, seconds: {},"
            + " pointing: {} msg/s, radio: {} msg/s, total: {} msg/s (expected {}), ticks: {}"
            + " (expected {}), missed ticks: {}, wrong: {}]",
        options.stations(), result.streaming(), options.rate(), format(result.seconds()),
        format(result.pointing() / result.seconds()), format(result.radio() / result.seconds()),
        format(result.messagesPerSecond()), (long) options.stations() * options.rate() * 2,
        result.ticks(), result.expectedTicks(), result.missed(), result.wrong());
    LOG.info("director load latency [tick lag p50: {} ms, p99: {} ms, max: {} ms; setpoint age"
            + " at hand-over p50: {} ms, p99: {} ms, max: {} ms]", format(result.lagP50()),
        format(result.lagP99()), format(result.lagMax()), format(result.ageP50()),
        format(result.ageP99()), format(result.ageMax()));
    LOG.info("director load resources [process CPU: {} of {} CPUs, GC: {} collections, {} ms,"
            + " load average: {}, event loops: {}]", format(result.cpu()), CPUS,
        result.gcCount(), result.gcMillis(), format(result.loadAverage()), result.loops());
    boolean scale = options.stations() >= TARGET_STATIONS && options.rate() >= TARGET_RATE;
    LOG.info("director load verdict [target: {} stations at {} Hz, tick lag p99 <= {} ms;"
            + " result: {}]", TARGET_STATIONS, TARGET_RATE, format(TARGET_LAG_P99_MILLIS),
        result.meetsTarget() ? "met" : scale ? "missed" : "not tried at the target's scale");
  }

  private static CoreConfig config(Path data, int rate) throws IOException {
    try (InputStream in = DirectorLoad.class.getClassLoader()
        .getResourceAsStream("conf/core.json")) {
      JsonObject defaults = new JsonObject(Buffer.buffer(in.readAllBytes()));
      return CoreConfig.from(defaults.mergeIn(new JsonObject()
          .put("TALOS_DATA_DIR", data.toString())
          .put("TALOS_FEATURES", "node")
          .put("TALOS_DIRECTOR_RATE", String.valueOf(rate))
          .put("TALOS_CATALOGUE_SOURCES", "")));
    }
  }

  private static String transmitter(int norad) {
    return "load-" + norad;
  }

  private static long[] eventLoops(java.lang.management.ThreadMXBean threads) {
    ThreadInfo[] all = threads.getThreadInfo(threads.getAllThreadIds());
    return Arrays.stream(all)
        .filter(info -> info != null && info.getThreadName().startsWith("vert.x-eventloop-thread"))
        .sorted(Comparator.comparing(ThreadInfo::getThreadName))
        .mapToLong(ThreadInfo::getThreadId).toArray();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static double percentile(HistogramSnapshot snapshot, double percentile) {
    for (ValueAtPercentile value : snapshot.percentileValues()) {
      if (value.percentile() == percentile) {
        return value.value(TimeUnit.MILLISECONDS);
      }
    }
    return Double.NaN;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static String seconds(long startNanos) {
    return format((System.nanoTime() - startNanos) / 1e9);
  }

  private static String format(double value) {
    return String.format("%.2f", value);
  }

  /** Removes the run's data folder, embedded database included. */
  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
