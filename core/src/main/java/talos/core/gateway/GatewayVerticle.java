package talos.core.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.NodeContext;
import talos.core.bus.Addresses;
import talos.core.config.CoreConfig;
import talos.core.tenancy.Access;
import talos.protocol.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The MQTT gateway: stations and operators connect here over MQTT 3.1.1 or 5, on a plain listener
 * and, with a certificate, a TLS listener. One instance per node; every connection lives on its
 * event loop.
 */
public final class GatewayVerticle extends VerticleBase {

  /** Seconds a client has, after opening a connection, to send CONNECT. */
  static final int CONNECT_TIMEOUT_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final String LOCAL_MAP = "talos.gateway";
  private static final String PLAIN = "port";
  private static final String TLS = "tlsPort";
  private static final String CONNECTIONS = "talos.gateway.connections";
  private static final long SWEEP_MILLIS = 5_000;
  private static final long LAST_SEEN_MILLIS = 60_000;

  private final NodeContext node;
  private final List<MqttServer> servers = new ArrayList<>();
  private StationLinks stations;
  private OperatorLinks operators;
  private final IntSupplier stationCount = () -> stations.size();
  private final IntSupplier operatorCount = () -> operators.size();
  private GatewayMetrics.Connections connections;

  public GatewayVerticle(NodeContext node) {
    this.node = node;
  }

  /** The port the plain MQTT listener of this Vert.x instance listens on, or -1 when none does. */
  public static int plainPort(Vertx vertx) {
    return port(vertx, PLAIN);
  }

  /** The port the MQTT over TLS listener of this Vert.x instance listens on, or -1. */
  public static int tlsPort(Vertx vertx) {
    return port(vertx, TLS);
  }

  @Override
  public Future<?> start() {
    CoreConfig.Mqtt settings = node.config().mqtt();
    EventBus bus = vertx.eventBus();
    String nodeId = node.cluster().nodeId();
    StatusBoard board = new StatusBoard(vertx, node.cluster());
    connections = vertx.sharedData().<String, GatewayMetrics.Connections>getLocalMap(CONNECTIONS)
        .computeIfAbsent("node", ignored -> new GatewayMetrics.Connections());
    connections.add(stationCount, operatorCount);
    GatewayMetrics metrics = new GatewayMetrics(node.meterRegistry(), connections);
    stations = new StationLinks(bus, nodeId, metrics, board, new LastSeen(node.pool()));
    operators = new OperatorLinks(bus, metrics, board, new Access(node.pool()));
    AuthThrottle throttle = new AuthThrottle(node.rateLimiter(), System::nanoTime);
    context.exceptionHandler(GatewayVerticle::unexpected);
    Admission admission = new Admission(bus, settings, metrics, throttle, stations, operators);

    List<MessageConsumer<JsonObject>> consumers = List.of(
        bus.consumer(Addresses.GATEWAY_TAKEOVER, message -> stations.takenOverElsewhere(
            message.body())),
        bus.consumer(Addresses.GATEWAY_OPERATOR_TAKEOVER,
            message -> operators.takenOverElsewhere(message.body())),
        bus.consumer(Addresses.STATION_TELEMETRY,
            message -> operators.forward(Channel.TELEMETRY, message.body())),
        bus.consumer(Addresses.STATION_STATUS,
            message -> operators.forward(Channel.STATUS, message.body())),
        bus.consumer(Addresses.STATION_EVENTS,
            message -> operators.forward(Channel.EVENTS, message.body())));
    vertx.setPeriodic(SWEEP_MILLIS, id -> {
      throttle.sweep();
      closeSilent();
    });
    vertx.setPeriodic(LAST_SEEN_MILLIS, id -> stations.touchAll());

    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(ready -> settings.plainEnabled()
            ? bind(settings, Optional.empty(), admission) : Future.succeededFuture())
        .compose(ready -> settings.tls().isPresent()
            ? bind(settings, settings.tls(), admission) : Future.succeededFuture());
  }

  @Override
  public Future<?> stop() {
    connections.remove(stationCount, operatorCount);
    operators.closeAll();
    return stations.closeAll()
        .eventually(() -> Future.join(servers.stream().map(MqttServer::close).toList()))
        .onComplete(ignored -> {
          if (connections.isEmpty()) {
            vertx.sharedData().getLocalMap(LOCAL_MAP).remove(PLAIN);
            vertx.sharedData().getLocalMap(LOCAL_MAP).remove(TLS);
          }
        });
  }

  /** Starts the plain listener ({@code tls} empty) or the TLS one. */
  private Future<Void> bind(CoreConfig.Mqtt settings, Optional<CoreConfig.Tls> tls,
                            Admission admission) {
    boolean secure = tls.isPresent();
    MqttServerOptions options = new MqttServerOptions()
        .setHost(settings.host())
        .setPort(shared(secure ? settings.tlsPort() : settings.port(), secure))
        .setMaxMessageSize(settings.maxMessageBytes())
        .setTimeoutOnConnect(CONNECT_TIMEOUT_SECONDS)
        .setMaxClientIdLength(64);
    tls.ifPresent(files -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(files.certificate().toString())
        .setKeyPath(files.key().toString())));
    MqttServer server = MqttServer.create(vertx, options)
        .endpointHandler(admission::connect)
        .exceptionHandler(e -> LOG.debug("mqtt connection failed before CONNECT", e));
    return server.listen().map(listening -> {
      servers.add(listening);
      int port = listening.actualPort();
      Object previous = vertx.sharedData().getLocalMap(LOCAL_MAP)
          .putIfAbsent(secure ? TLS : PLAIN, port);
      if (previous == null) {
        LOG.info("mqtt listening [host: {}, port: {}, tls: {}]", settings.host(), port, secure);
      }
      return null;
    });
  }

  private void closeSilent() {
    long now = System.nanoTime();
    List<Link> links = new ArrayList<>(operators.links());
    stations.links().forEach(station -> links.add(station.link()));
    for (Link link : links) {
      if (link.silentSince(now)) {
        LOG.info("mqtt client silent beyond its keep-alive [remote: {}, keep-alive: {} s]",
            link.remote(), link.keepAlive());
        link.disconnect(MqttDisconnectReasonCode.KEEP_ALIVE_TIMEOUT,
            "nothing received within one and a half keep-alives");
      }
    }
  }

  /**
   * Failures thrown on the gateway's event loop. Vert.x's MQTT server throws when a client keeps
   * sending after the gateway closed its connection; that is the client's business, not an error.
   */
  private static void unexpected(Throwable failure) {
    if (failure instanceof IllegalArgumentException && String.valueOf(failure.getMessage())
        .contains("not connected client")) {
      LOG.debug("packet after the connection was closed", failure);
      return;
    }
    LOG.error("unexpected failure on the mqtt event loop", failure);
  }

  /**
   * Port 0 means one free port shared by every gateway instance of the node. Vert.x spells that
   * with a negative number, the same one for every server that shares the port: -1 is the HTTP
   * server's, so the plain listener takes -2 and the TLS one -3. A given port is shared anyway.
   */
  private static int shared(int port, boolean secure) {
    return port != 0 ? port : secure ? -3 : -2;
  }

  private static int port(Vertx vertx, String key) {
    Integer port = vertx.sharedData().<String, Integer>getLocalMap(LOCAL_MAP).get(key);
    return port == null ? -1 : port;
  }
}
