package talos.core.streaming;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.Operations;
import talos.core.cluster.StationOwnership;
import talos.core.live.LiveFeed;
import talos.core.tenancy.Access;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * The streaming feature, one instance per node: takes the frames stations publish, for the
 * organisations this node handles (one node per organisation, chosen among the cluster's members
 * like the stations' owners, so that a frame heard by two stations meets itself on one node),
 * routes them ({@link FrameRouter}), writes them in batches ({@link FrameStore}), deletes the ones
 * older than the retention, publishes every destination's figures for the API, and serves the
 * destinations and frames operations.
 */
public final class StreamingVerticle extends VerticleBase {

  /** The window within which the same frame from another station is one frame. */
  static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(30);

  /** Frames remembered for recognising duplicates: the window at 15,000 frames a second. */
  static final int RECENT_FRAMES = 1 << 19;

  private static final Logger LOG = LoggerFactory.getLogger(StreamingVerticle.class);
  private static final String STATS_MAP = "talos.streaming.stats";
  private static final long FLUSH_MS = 100;
  private static final long STATS_MS = 1_000;
  private static final long RETENTION_MS = Duration.ofHours(1).toMillis();

  private final NodeContext node;
  private DestinationDirectory directory;
  private FrameStore store;

  public StreamingVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    MeterRegistry registry = node.meterRegistry();
    String nodeId = node.cluster().nodeId();
    StationOwnership organisations = new StationOwnership(nodeId, node.cluster()::members);
    organisations.check();

    LongAdder unstored = new LongAdder();
    FrameRouter.Counters counters = new FrameRouter.Counters();
    FunctionCounter.builder("talos.streaming.frames.received", counters.received(), LongAdder::sum)
        .description("distinct frames received from stations").register(registry);
    FunctionCounter.builder("talos.streaming.frames.duplicates", counters.duplicates(), LongAdder::sum)
        .description("frames received again (by another station, or delivered twice)").register(registry);
    FunctionCounter.builder("talos.streaming.frames.queued", counters.forwarded(), LongAdder::sum)
        .description("frames handed to destinations' queues").register(registry);
    FunctionCounter.builder("talos.streaming.frames.unstored", unstored, LongAdder::sum)
        .description("frames or receptions the database could not take").register(registry);

    store = new FrameStore(node.pool(), unstored);
    directory = new DestinationDirectory(vertx, node.pool(), new LiveFeed(bus),
        outlet -> register(registry, outlet));
    FrameRouter router = new FrameRouter(new SessionIndex(node.pool()), directory,
        new RecentFrames(DUPLICATE_WINDOW, RECENT_FRAMES), store, counters);
    Future<AsyncMap<String, JsonObject>> stats = vertx.sharedData().getAsyncMap(STATS_MAP);

    bus.<JsonObject>consumer(Addresses.STATION_FRAMES, message -> {
      String orgId = message.body().getString("orgId");
      if (orgId != null && organisations.owns(orgId)) {
        router.accept(message.body());
      }
    });
    bus.<JsonObject>consumer(Addresses.STREAMING_DESTINATIONS_CHANGED, message ->
        directory.changed(UUID.fromString(message.body().getString("orgId"))));
    vertx.setPeriodic(FLUSH_MS, id -> store.flush());
    vertx.setPeriodic(STATS_MS, id -> {
      organisations.check();
      stats.onSuccess(map -> publish(map, directory.stats()));
    });
    int retentionDays = node.config().streaming().retentionDays();
    vertx.setPeriodic(Duration.ofMinutes(1).toMillis(), RETENTION_MS, id -> store.expire(retentionDays)
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.info("old frames deleted [frames: {}, retention: {} days]", deleted, retentionDays);
          }
        })
        .onFailure(failure -> LOG.warn("old frames not deleted", failure)));

    Access access = new Access(node.pool());
    Destinations destinations = new Destinations(node.pool(), access, bus, stats);
    FrameQueries frames = new FrameQueries(node.pool(), access);
    return new Operations(bus)
        .serve(Addresses.DESTINATIONS_LIST, destinations::list)
        .serve(Addresses.DESTINATIONS_GET, destinations::get)
        .serve(Addresses.DESTINATIONS_CREATE, destinations::create)
        .serve(Addresses.DESTINATIONS_UPDATE, destinations::update)
        .serve(Addresses.DESTINATIONS_DELETE, destinations::delete)
        .serve(Addresses.CAMPAIGN_DESTINATIONS_ADD, destinations::link)
        .serve(Addresses.CAMPAIGN_DESTINATIONS_REMOVE, destinations::unlink)
        .serve(Addresses.FRAMES_LIST, frames::list)
        .serve(Addresses.OBSERVATION_FRAMES, frames::ofObservation)
        .ready();
  }

  @Override
  public Future<?> stop() {
    return Future.join(store.flush().andThen(ignored -> {
      if (store.pending() > 0) {
        LOG.warn("stopping with frames the database did not take [rows: {}]", store.pending());
      }
    }), directory.close());
  }

  private static void publish(AsyncMap<String, JsonObject> map, Map<String, JsonObject> figures) {
    figures.forEach((id, json) -> map.put(id, json, Duration.ofMinutes(1).toMillis()));
  }

  private static void register(MeterRegistry registry, Outlet outlet) {
    Tags tags = Tags.of("destination", outlet.destination.id().toString(),
        "kind", outlet.destination.kind().wireName());
    // a destination changed gets a new sender: its figures start again
    for (String name : new String[] {"sent", "dropped", "failed", "queued"}) {
      registry.find("talos.streaming.destination." + name).tags(tags).meters()
          .forEach(registry::remove);
    }
    FunctionCounter.builder("talos.streaming.destination.sent", outlet.stats, OutletStats::sentCount)
        .description("frames a destination was sent").tags(tags).register(registry);
    FunctionCounter.builder("talos.streaming.destination.dropped", outlet.stats, OutletStats::droppedCount)
        .description("frames dropped because the destination's queue was full").tags(tags)
        .register(registry);
    FunctionCounter.builder("talos.streaming.destination.failed", outlet.stats, OutletStats::failedCount)
        .description("frames a destination could not be sent").tags(tags).register(registry);
    Gauge.builder("talos.streaming.destination.queued", outlet, Outlet::queued)
        .description("frames waiting in a destination's queue").tags(tags).register(registry);
  }
}
