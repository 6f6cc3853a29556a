package talos.core.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.agent.AgentConfig;
import talos.agent.DriverRegistry;
import talos.agent.StationAgent;
import talos.core.NodeContext;
import talos.core.auth.StationKeys;
import talos.core.bus.Addresses;
import talos.core.catalog.CatalogueStore;
import talos.core.gateway.GatewayVerticle;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Site;
import talos.core.security.Tokens;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the demo: prepares the demo organisation, its station and its live destination, starts a
 * station agent with the simulator driver in this process (it connects to this node's MQTT gateway
 * like any station), and whenever the station is idle, asks the director to track the satellite
 * with the soonest pass, as the demo organisation's owner. Satellites with a downlink come first:
 * the director tunes the simulated radio to them, which then receives frames during the pass.
 */
public final class DemoVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DemoVerticle.class);
  private static final Duration CHECK_EVERY = Duration.ofSeconds(20);
  private static final DeliveryOptions SLOW = new DeliveryOptions().setSendTimeout(30_000);

  private final NodeContext node;
  private DemoStation.Identity identity;
  private StationAgent agent;
  private DemoTarget targets;
  private boolean choosing;

  public DemoVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    int port = GatewayVerticle.plainPort(vertx);
    if (port < 0) {
      return Future.failedFuture(new IllegalStateException(
          "the demo needs the gateway feature with its plain MQTT listener"));
    }
    StationKeys keys = new StationKeys(vertx, node.pool(), new Tokens(node.config().secretKey()));
    return DemoStation.prepare(node.pool(), keys, node.config().adminEmail().orElse(null))
        .compose(prepared -> {
          identity = prepared;
          // a node that read the organisation's destinations before reads them again
          vertx.eventBus().publish(Addresses.STREAMING_DESTINATIONS_CHANGED,
              new JsonObject().put("orgId", prepared.orgId().toString()));
          return vertx.executeBlocking(() -> OrbitContext.create(
              node.config().catalogue().orekitData()));
        })
        .compose(context -> {
          targets = new DemoTarget(context);
          AgentConfig config = AgentConfig.fromJson(agentConfig(port));
          DriverRegistry drivers = DriverRegistry.load(getClass().getClassLoader(),
              node.config().dataDir().resolve("plugins"));
          return StationAgent.start(vertx, config, drivers);
        })
        .onSuccess(started -> {
          agent = started;
          vertx.setPeriodic(2_000, CHECK_EVERY.toMillis(), ignored -> trackWhenIdle());
          LOG.info("demo running: sign in as {} to watch station '{}' [station: {}]",
              DemoStation.OWNER_EMAIL, DemoStation.STATION_NAME, identity.stationId());
        });
  }

  @Override
  public Future<?> stop() {
    return agent == null ? Future.succeededFuture() : agent.stop();
  }

  /** Starts a track when the station is online and not tracking. */
  private void trackWhenIdle() {
    if (choosing || !agent.isConnected()) {
      return;
    }
    choosing = true;
    request(Addresses.DIRECTOR_STATUS, new JsonObject())
        .compose(status -> status.getValue("tracking") != null || !status.getBoolean("online")
            ? Future.succeededFuture()
            : chooseAndTrack())
        .onFailure(failure -> LOG.warn("demo could not start a track: {}", failure.getMessage()))
        .onComplete(ignored -> choosing = false);
  }

  private Future<Void> chooseAndTrack() {
    Site site = Site.at(DemoStation.LATITUDE, DemoStation.LONGITUDE, DemoStation.ALTITUDE);
    CatalogueStore store = new CatalogueStore(node.pool());
    Future<List<CatalogueStore.Latest>> catalogue = store.latestElements();
    Future<Set<Integer>> withDownlink = store.activeDownlinks().map(Map::keySet);
    return Future.all(catalogue, withDownlink)
        .compose(both -> vertx.executeBlocking(() -> targets.choose(catalogue.result(),
            withDownlink.result(), site, Instant.now()), false))
        .compose(choice -> {
          if (choice.isEmpty()) {
            LOG.info("demo found no pass above {}° in the next {} h; it will look again",
                DemoTarget.MIN_ELEVATION, DemoTarget.HORIZON.toHours());
            return Future.succeededFuture();
          }
          DemoTarget.Choice target = choice.get();
          LOG.info("demo tracks {} [norad: {}, aos: {}, max elevation: {}°, downlink: {}]",
              target.name(), target.noradId(), target.pass().aos(),
              Math.round(target.pass().maxElevation()),
              withDownlink.result().contains(target.noradId()));
          return request(Addresses.DIRECTOR_TRACK, new JsonObject().put("norad", target.noradId()))
              .mapEmpty();
        });
  }

  /** Calls an API operation on the demo station as the demo organisation's owner. */
  private Future<JsonObject> request(String address, JsonObject body) {
    JsonObject request = new JsonObject()
        .put("operation", address)
        .put("path", new JsonObject().put("slug", DemoStation.ORG_SLUG)
            .put("stationId", identity.stationId().toString()))
        .put("query", new JsonObject())
        .put("body", body)
        .put("principal", new JsonObject().put("userId", identity.ownerId().toString())
            .put("email", DemoStation.OWNER_EMAIL).put("admin", false))
        .put("client", new JsonObject().put("address", "127.0.0.1").put("userAgent", "demo"));
    return vertx.eventBus().<JsonObject>request(address, request, SLOW).map(reply -> reply.body());
  }

  private JsonObject agentConfig(int port) {
    JsonObject options = new JsonObject().put("azimuthRate", "6").put("elevationRate", "6");
    return new JsonObject()
        .put("server", "mqtt://127.0.0.1:" + port)
        .put("stationId", identity.stationId().toString())
        .put("org", DemoStation.ORG_SLUG)
        .put("key", identity.key())
        .put("devices", new JsonObject()
            .put("rotator", new JsonObject().put("driver", "simulator").put("options", options))
            .put("radio", new JsonObject().put("driver", "simulator")))
        .put("limits", new JsonObject()
            .put("azimuthMin", 0).put("azimuthMax", 450)
            .put("elevationMin", 0).put("elevationMax", 180)
            .put("parkAzimuth", 0).put("parkElevation", 90));
  }

  /** The demo station's id, once started. */
  public Optional<String> stationId() {
    return Optional.ofNullable(identity).map(id -> id.stationId().toString());
  }
}
