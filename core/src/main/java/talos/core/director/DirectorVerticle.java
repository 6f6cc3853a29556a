package talos.core.director;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.bus.Operations;
import talos.core.bus.ServiceFailure;
import talos.core.catalog.CatalogueStore;
import talos.core.cluster.StationOwnership;
import talos.core.live.LiveFeed;
import talos.core.orbit.OrbitContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The director feature, one instance per event loop: wires a {@link Director} to timers and the
 * bus. Each instance drives the stations this node owns ({@link StationOwnership}) whose id falls
 * to it ({@link #slice}), serves the API operations (any instance, any node) and its stations'
 * addresses, and feeds its director with telemetry, status changes, plan changes and its beat.
 */
public final class DirectorVerticle extends VerticleBase {

  /** Prefix of the cluster-wide counter of a station's ownership epochs. */
  static final String EPOCH_COUNTER = "talos.director.epoch.";

  private static final Logger LOG = LoggerFactory.getLogger(DirectorVerticle.class);
  /** How often the sessions this instance drives are published on the live feed. */
  private static final Duration LIVE_PERIOD = Duration.ofSeconds(1);

  /** The running sessions of every director instance of one node, for the sessions gauge. */
  static final class SessionCounts implements Shareable {

    private final List<IntSupplier> counts = new CopyOnWriteArrayList<>();

    private double sum() {
      return counts.stream().mapToInt(IntSupplier::getAsInt).sum();
    }
  }

  private final NodeContext node;
  private final Map<String, MessageConsumer<JsonObject>> stationConsumers = new HashMap<>();
  private final IntSupplier sessionCount = this::sessions;
  private SessionCounts counts;
  private Director director;
  private StationCommands commands;
  private Ticks ticks;
  private Timer tickLag;
  private long tickTimer = -1;
  private long liveTimer = -1;
  private LiveTracks live;
  private int slice;
  private int slices;

  public DirectorVerticle(NodeContext node) {
    this.node = node;
  }

  private int sessions() {
    return director == null ? 0 : director.sessionCount();
  }

  /** Which of {@code slices} director instances of a node drives a station. */
  static int slice(String stationId, int slices) {
    return Math.floorMod(stationId.hashCode(), slices);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    String nodeId = node.cluster().nodeId();
    slices = Math.max(1, context.getInstanceCount());
    PgObservationStore store = new PgObservationStore(node.pool());
    commands = new StationCommands(vertx);
    live = new LiveTracks(new LiveFeed(bus));
    tickLag = Timer.builder("talos.director.tick.lag")
        .description("how late the director's ticks fire after they are due")
        .publishPercentiles(0.5, 0.99)
        .register(node.meterRegistry());
    Counter setpointsSent = Counter.builder("talos.director.setpoints.sent")
        .description("setpoint messages sent to stations")
        .register(node.meterRegistry());
    counts = (SessionCounts) vertx.sharedData().getLocalMap("talos.director")
        .computeIfAbsent("sessions", key -> new SessionCounts());
    counts.counts.add(sessionCount);
    Gauge.builder("talos.director.sessions", counts, SessionCounts::sum)
        .description("stations this node is driving through a pass")
        .register(node.meterRegistry());

    return vertx.sharedData().getLocalCounter("talos.director.instances." + context.deploymentID())
        .compose(counter -> counter.getAndIncrement())
        .compose(index -> {
          slice = (int) (index % slices);
          return vertx.executeBlocking(
              () -> OrbitContext.create(node.config().catalogue().orekitData()));
        })
        .compose(orbit -> {
          StationOwnership ownership = new StationOwnership(nodeId, node.cluster()::members);
          director = new Director(nodeId, Clock.systemUTC(), ownership,
              station -> slice(station, slices) == slice, commands, store,
              new CataloguePlanner(vertx, node.pool(), new CatalogueStore(node.pool()), orbit),
              station -> vertx.sharedData().getCounter(EPOCH_COUNTER + station)
                  .compose(counter -> counter.incrementAndGet()),
              ended -> {
                bus.publish(Addresses.OBSERVATION_ENDED, ended);
                live.ended(ended);
              }, setpointsSent);
          director.hooks(new Director.Hooks() {
            @Override
            public void adopted(String stationId) {
              serveStation(stationId);
            }

            @Override
            public void dropped(String stationId) {
              MessageConsumer<JsonObject> consumer = stationConsumers.remove(stationId);
              if (consumer != null) {
                consumer.unregister();
              }
            }
          });
          DirectorApi api = new DirectorApi(vertx, node.pool(), node.cluster(), commands, store,
              orbit);
          bus.<JsonObject>consumer(Addresses.STATION_EVENTS,
              message -> commands.onEvent(message.body()));
          bus.<JsonObject>consumer(Addresses.STATION_TELEMETRY, message -> director.telemetry(
              message.body().getString("stationId", ""), message.body().getJsonObject("telemetry")));
          bus.<JsonObject>consumer(Addresses.STATION_STATUS, message -> director.status(
              message.body().getString("stationId", ""),
              "online".equals(message.body().getString("state"))));
          bus.<JsonObject>consumer(Addresses.SCHEDULE_CHANGED, message -> director.scheduleChanged(
              message.body().getJsonArray("stationIds", new JsonArray()).stream()
                  .map(String::valueOf).toList()));
          bus.<JsonObject>localConsumer(Addresses.DIRECTOR_NODE_PREFIX + nodeId + "." + slice,
              message -> startManual(message.body()).onSuccess(message::reply)
                  .onFailure(failure -> ServiceFailure.reply(message, failure)));
          return new Operations(bus)
              .answer(Addresses.DIRECTOR_NODE_PREFIX + nodeId, this::forward)
              .serve(Addresses.DIRECTOR_TRACK, api::track)
              .serve(Addresses.DIRECTOR_STOP, api::stop)
              .serve(Addresses.DIRECTOR_STATUS, api::status)
              .serve(Addresses.OBSERVATIONS_LIST, api::observations)
              .serve(Addresses.OBSERVATIONS_GET, api::observation)
              .ready();
        })
        .onSuccess(ignored -> {
          Duration period = Duration.ofMillis(1000 / node.config().director().rate());
          ticks = new Ticks(System.nanoTime(), period);
          scheduleTick();
          liveTimer = vertx.setPeriodic(LIVE_PERIOD.toMillis(),
              id -> live.publish(director.sessions(), Instant.now()));
          LOG.info("director ready [rate: {} Hz, instance: {} of {}]",
              node.config().director().rate(), slice + 1, slices);
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tickTimer);
    vertx.cancelTimer(liveTimer);
    counts.counts.remove(sessionCount);
    if (director != null) {
      Set<String> driven = director.close();
      if (!driven.isEmpty()) {
        LOG.warn("node stopping while driving stations; their agents stop on silence and the "
            + "next owner takes them over [stations: {}]", driven);
      }
    }
    return Future.all(new ArrayList<>(stationConsumers.values()).stream()
        .map(MessageConsumer::unregister).toList());
  }

  /** A request on the node's address, handed to the instance that drives the station. */
  private Future<JsonObject> forward(JsonObject request) {
    JsonObject observation = request.getJsonObject("observation");
    if (!"start".equals(request.getString("action")) || observation == null) {
      return Future.failedFuture(ServiceFailure.invalid("action", request.getString("action"),
          "start, with an observation"));
    }
    int target = slice(observation.getString("stationId", ""), slices);
    if (target == slice) {
      return startManual(request);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.DIRECTOR_NODE_PREFIX
            + node.cluster().nodeId() + "." + target, request)
        .map(reply -> reply.body());
  }

  private Future<JsonObject> startManual(JsonObject request) {
    Observation observation = Observation.fromJson(request.getJsonObject("observation"));
    return director.startManual(observation).map(session -> session.toJson(
        Instant.now()));
  }

  /** Serves a driven station's address: its session's state, and an operator's stop. */
  private void serveStation(String stationId) {
    if (stationConsumers.containsKey(stationId)) {
      return;
    }
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(
        Addresses.DIRECTOR_STATION_PREFIX + stationId, message -> {
          String action = message.body().getString("action", "");
          Future<JsonObject> answer = switch (action) {
            case "state" -> Future.succeededFuture(director.state(stationId));
            case "stop" -> director.stop(stationId).map(new JsonObject());
            default -> Future.failedFuture(ServiceFailure.invalid("action", action,
                "state or stop"));
          };
          answer.onSuccess(message::reply)
              .onFailure(failure -> ServiceFailure.reply(message, failure));
        });
    stationConsumers.put(stationId, consumer);
  }

  private void scheduleTick() {
    tickTimer = vertx.setTimer(ticks.delayMillis(System.nanoTime()), ignored -> tick());
  }

  private void tick() {
    tickLag.record(ticks.fired(System.nanoTime()), TimeUnit.NANOSECONDS);
    try {
      director.tick();
    } catch (RuntimeException e) {
      LOG.error("director tick failed", e);
    }
    scheduleTick();
  }
}
