package talos.agent;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverProvider;
import talos.driver.FailureCode;
import talos.protocol.Channel;
import talos.protocol.StationEvent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Wires one station: creates its devices on their own threads, then runs the MQTT link, the control
 * loop, the telemetry timer, the relay of received frames (when the radio offers them) and the
 * front door (when configured) on this verticle's context. Start succeeds once the devices are
 * created and the front door listens; opening the devices and connecting to the server go on in
 * the background.
 */
final class AgentVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AgentVerticle.class);

  private final AgentConfig config;
  private final List<DriverRegistry.DevicePlan> plans;
  private final Clock clock;
  private final String agentName;
  private final List<GuardedDevice<?>> devices = new ArrayList<>();
  private volatile StationLink link;
  private volatile StationController controller;
  private volatile FrontDoor frontDoor;
  private FrameRelay frames;
  private long controlTimer = -1;
  private long telemetryTimer = -1;

  AgentVerticle(AgentConfig config, List<DriverRegistry.DevicePlan> plans, Clock clock,
                String agentName) {
    this.config = config;
    this.plans = List.copyOf(plans);
    this.clock = clock;
    this.agentName = agentName;
  }

  @Override
  public Future<?> start() {
    Future<Void> created = Future.succeededFuture();
    for (DriverRegistry.DevicePlan plan : plans) {
      created = created.compose(previous -> create(plan)).map(device -> {
        devices.add(device);
        return null;
      });
    }
    return created
        .compose(ready -> run())
        .recover(failure -> closeFrontDoor().compose(closed -> closeDevices())
            .transform(closed -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(controlTimer);
    vertx.cancelTimer(telemetryTimer);
    if (controller == null) {
      return closeDevices();
    }
    return closeFrontDoor()
        .compose(closed -> controller.shutdown())
        .compose(stopped -> {
          if (frames != null) {
            frames.flush();
            frames.close();
          }
          return link.close();
        })
        .compose(disconnected -> closeDevices())
        .onComplete(done -> LOG.info("station agent stopped [station: {}]", config.stationId()));
  }

  StationController controller() {
    return controller;
  }

  StationLink link() {
    return link;
  }

  /** The front door, or {@code null} when it is off. */
  FrontDoor frontDoor() {
    return frontDoor;
  }

  private Future<Void> run() {
    GuardedRotator rotator = null;
    GuardedRadio radio = null;
    for (GuardedDevice<?> device : devices) {
      if (device instanceof GuardedRotator guarded) {
        rotator = guarded;
      } else if (device instanceof GuardedRadio guarded) {
        radio = guarded;
      }
    }
    AgentConfig.FrontDoor door = config.frontDoor();
    boolean sharesRotator = door != null && door.rotatorPort() != null && rotator != null;
    boolean sharesRadio = door != null && door.radioPort() != null && radio != null;
    Set<DeviceKind> shared = EnumSet.noneOf(DeviceKind.class);
    if (sharesRotator) {
      shared.add(DeviceKind.ROTATOR);
    }
    if (sharesRadio) {
      shared.add(DeviceKind.RADIO);
    }
    Arbiter arbiter = shared.isEmpty() ? null
        : new Arbiter(shared, door.idleRelease(), now -> controller.networkControl(now));
    controller = new StationController(config.safety(), rotator, radio, this::emit, clock,
        arbiter);
    link = new StationLink(vertx, config, clock, agentName, new StationLink.Listener() {
      @Override
      public void connected() {
        controller.onLinkUp();
        if (frames != null) {
          frames.linkUp();
        }
      }

      @Override
      public void disconnected() {
        controller.onLinkDown();
      }

      @Override
      public void received(Channel channel, Buffer payload) {
        controller.onMessage(channel, payload);
      }
    });
    if (radio != null && radio.offersFrames()) {
      frames = new FrameRelay(vertx, context, clock, radio.name(), controller::frameOrigin,
          new FrameRelay.Outlet() {
            @Override
            public boolean isUp() {
              return link.isConnected();
            }

            @Override
            public Future<?> publish(JsonObject message) {
              return link.publishNow(Channel.FRAMES, message);
            }
          });
      radio.relayFrames(frames);
    }
    if (arbiter == null) {
      begin();
      return Future.succeededFuture();
    }
    List<FrontDoor.Commands> commands = new ArrayList<>();
    if (sharesRotator) {
      commands.add(new RotctldCommands(rotator, arbiter, controller, clock));
    }
    if (sharesRadio) {
      commands.add(new RigctldCommands(radio, arbiter, controller, clock));
    }
    frontDoor = new FrontDoor(vertx, door, arbiter, commands, clock);
    return frontDoor.start().onSuccess(listening -> begin());
  }

  /** Opens the devices, starts the control loop and telemetry, and connects to the server. */
  private void begin() {
    devices.forEach(GuardedDevice::open);
    long period = Math.max(20, Math.round(1000 / config.safety().controlRate()));
    controlTimer = vertx.setPeriodic(period, id -> controller.tick());
    telemetryTimer = vertx.setPeriodic(config.safety().telemetryInterval().toMillis(),
        id -> publishTelemetry());
    link.start();
    LOG.info("station agent running [{}]", config.summary());
  }

  private Future<Void> closeFrontDoor() {
    return frontDoor == null ? Future.succeededFuture() : frontDoor.close();
  }

  private void emit(StationEvent event) {
    link.publishEvent(event);
  }

  private void publishTelemetry() {
    controller.telemetry().onSuccess(telemetry -> link.publish(Channel.TELEMETRY,
        telemetry.toJson()));
  }

  private Future<GuardedDevice<?>> create(DriverRegistry.DevicePlan plan) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "talos-driver-" + plan.name());
      thread.setDaemon(true);
      return thread;
    });
    DriverProvider provider = plan.driver().provider();
    DeviceParts parts = new DeviceParts(plan.name(), plan.driver().descriptor().name(), executor,
        vertx, context, this::emit, clock, new Backoff(config.reconnect().initial(),
        config.reconnect().max(), RandomGenerator.getDefault()));
    DriverContext driverContext = new DriverContext(plan.name(), plan.options(), executor, clock);
    CompletableFuture<GuardedDevice<?>> created = CompletableFuture.supplyAsync(() ->
        plan.kind() == DeviceKind.ROTATOR
            ? new GuardedRotator(parts, provider.createRotator(driverContext), config.limits())
            : new GuardedRadio(parts, provider.createRadio(driverContext), config.limits()),
        executor);
    return Future.fromCompletionStage(created, context)
        .onSuccess(device -> LOG.info("device created [device: {}, driver: {}, options: {}]",
            plan.name(), plan.driver().descriptor().name(), plan.options()))
        .recover(failure -> {
          executor.shutdownNow();
          Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
          if (cause instanceof DriverException driver
              && driver.code() == FailureCode.CONFIGURATION) {
            return Future.failedFuture(new AgentConfigException("devices." + plan.name()
                + ".options: " + driver.getMessage()));
          }
          return Future.failedFuture(new IllegalStateException("cannot create the " + plan.name()
              + " with driver " + plan.driver().descriptor().name() + ": " + cause, cause));
        });
  }

  private Future<Void> closeDevices() {
    List<Future<Void>> closed = devices.stream().map(GuardedDevice::close).toList();
    devices.clear();
    return Future.join(closed).mapEmpty();
  }
}
