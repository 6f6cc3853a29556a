package talos.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.Position;
import talos.protocol.Channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A running station agent: the station's devices, driven by setpoints from the core's MQTT gateway
 * within the station's local limits. It runs on one Vert.x context of the given Vert.x instance, so
 * a core can run agents in-process; the getters may be called from any thread.
 */
public final class StationAgent {

  private static final Logger LOG = LoggerFactory.getLogger(StationAgent.class);

  /**
   * A setpoint message the agent took to execute: it passed the epoch and session checks and was
   * fresh enough, so its points now steer the rotator ({@code cmd/rot}) or tune the radio
   * ({@code cmd/rig}).
   *
   * @param at when the agent took it
   */
  public record Accepted(Channel channel, long epoch, String session, Instant at) {
  }

  private final Vertx vertx;
  private final String deploymentId;
  private final AgentVerticle verticle;
  private final AgentConfig config;
  private Future<Void> stopped;

  private StationAgent(Vertx vertx, String deploymentId, AgentVerticle verticle,
                       AgentConfig config) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.verticle = verticle;
    this.config = config;
  }

  /**
   * Starts an agent: creates its devices with the drivers the configuration names, then opens them
   * and connects to the server in the background, retrying with backoff.
   *
   * @return a future that succeeds once the devices are created; it fails with an
   *     {@link AgentConfigException} when a driver is missing, cannot run the device or refuses its
   *     options (the message lists the drivers found and the plugins folder), or with another
   *     exception when a driver fails to create its device
   */
  public static Future<StationAgent> start(Vertx vertx, AgentConfig config,
                                           DriverRegistry registry) {
    List<DriverRegistry.DevicePlan> plans;
    try {
      plans = registry.plan(config);
    } catch (AgentConfigException e) {
      return Future.failedFuture(e);
    }
    LOG.info("starting station agent {} [{}]", name(), config.summary());
    AgentVerticle verticle = new AgentVerticle(config, plans, Clock.systemUTC(), name());
    return vertx.deployVerticle(verticle)
        .map(id -> new StationAgent(vertx, id, verticle, config));
  }

  /**
   * Stops the agent: stops the rotator, publishes {@code offline} (retained), disconnects and
   * closes the devices. Calling it again returns the same future.
   *
   * @return a future that completes once everything is closed
   */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = vertx.undeploy(deploymentId).otherwiseEmpty();
    }
    return stopped;
  }

  /** Whether the agent is connected to the server now. */
  public boolean isConnected() {
    return verticle.link().isConnected();
  }

  /**
   * Why the agent is not connected: the last connection failure, such as a refused CONNACK or a TLS
   * handshake with a server it does not trust; empty while connected.
   */
  public Optional<String> connectionProblem() {
    return Optional.ofNullable(verticle.link().problem());
  }

  /** The tracking session in progress, if any. */
  public Optional<String> session() {
    return verticle.controller().session();
  }

  /**
   * The highest ownership epoch of any command the agent has accepted; messages of a lower one are
   * ignored from then on. 0 before any.
   */
  public long epoch() {
    return verticle.controller().acceptedEpoch();
  }

  /**
   * Calls {@code listener} for every setpoint message the agent takes to execute, on the agent's
   * context, in the order taken; replaces any listener set before. For tests and embedding
   * applications that watch what the station does.
   */
  public void onAccepted(Consumer<Accepted> listener) {
    verticle.controller().onAccepted(listener);
  }

  /** The last position the rotator accepted as a target (a park position after parking). */
  public Optional<Position> commandedPosition() {
    return verticle.controller().commandedPosition();
  }

  /** The rotator's position as last measured for telemetry. */
  public Optional<Position> measuredPosition() {
    return verticle.controller().measuredPosition();
  }

  /** The receive frequency the radio was last tuned to, in hertz. */
  public Optional<Long> tunedFrequency() {
    return verticle.controller().tunedFrequency();
  }

  /**
   * The port a device's front door listens on (the one bound when the configuration asks for
   * port 0); empty when the device has no front door.
   */
  public Optional<Integer> frontDoorPort(DeviceKind device) {
    FrontDoor door = verticle.frontDoor();
    return door == null ? Optional.empty() : door.port(device);
  }

  public AgentConfig config() {
    return config;
  }

  /** The agent's name and version, as published in its status: {@code talos-agent/0.1.0}. */
  public static String name() {
    String version = StationAgent.class.getPackage().getImplementationVersion();
    return "talos-agent/" + (version == null ? "dev" : version);
  }
}
