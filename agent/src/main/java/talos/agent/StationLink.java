package talos.agent;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.protocol.Channel;
import talos.protocol.Messages;
import talos.protocol.StationEvent;
import talos.protocol.StationStatus;
import talos.protocol.StationTopic;

import javax.net.ssl.SSLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The agent's MQTT connection to the core: connects with the station's credentials and a retained
 * {@code offline} last will, announces {@code online} (retained) and subscribes to the station's
 * command channels after each CONNACK, and reconnects with {@link Backoff} after every failure or
 * loss until {@link #close()}. Events published while the link is down are queued (the most recent
 * {@value #MAX_QUEUED_EVENTS}) and sent after reconnecting; telemetry is not, and frames are kept by
 * their {@link FrameRelay}. Every method runs on the agent's context.
 */
final class StationLink {

  /** What the link tells the agent. */
  interface Listener {

    /** CONNACK accepted, online published and the command channels subscribed to. */
    void connected();

    /** An established connection was lost. */
    void disconnected();

    /** A message arrived on one of the station's command channels. */
    void received(Channel channel, Buffer payload);
  }

  static final int MAX_QUEUED_EVENTS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(StationLink.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
  private static final int KEEP_ALIVE_SECONDS = 15;
  /** QoS 1 messages waiting for their acknowledgement at most: frames come in bursts. */
  private static final int MAX_IN_FLIGHT = 64;

  private enum State {
    DISCONNECTED, CONNECTING, CONNECTED, CLOSED
  }

  private final Vertx vertx;
  private final AgentConfig config;
  private final Clock clock;
  private final Listener listener;
  private final Backoff backoff;
  private final String agentName;
  private final Deque<StationEvent> queued = new ArrayDeque<>();
  private State state = State.DISCONNECTED;
  private MqttClient client;
  private long timer = -1;
  private volatile boolean connected;
  private volatile String problem = "not connected yet";

  StationLink(Vertx vertx, AgentConfig config, Clock clock, String agentName, Listener listener) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.agentName = agentName;
    this.listener = listener;
    this.backoff = new Backoff(config.reconnect().initial(), config.reconnect().max(),
        RandomGenerator.getDefault());
  }

  /** Starts connecting; failures are retried in the background. */
  void start() {
    connect();
  }

  /** Whether the link is up; may be read from any thread. */
  boolean isConnected() {
    return connected;
  }

  /** Why the link is down: the last connection failure; {@code null} while connected. */
  String problem() {
    return problem;
  }

  /** Publishes a message on a station-to-core channel if the link is up, else drops it. */
  void publish(Channel channel, JsonObject message) {
    if (state == State.CONNECTED) {
      send(channel, message).onFailure(failure -> LOG.debug("publish failed [channel: {},"
          + " reason: {}]", channel.suffix(), failure.getMessage()));
    }
  }

  /**
   * Publishes a message on a station-to-core channel now.
   *
   * @return a future that fails when the link is not up or the client could not take the message
   *     (too many QoS 1 messages waiting for their acknowledgement)
   */
  Future<Void> publishNow(Channel channel, JsonObject message) {
    if (state != State.CONNECTED) {
      return Future.failedFuture("not connected");
    }
    return send(channel, message).mapEmpty();
  }

  /** Publishes an event, or queues it until the link is up again. */
  void publishEvent(StationEvent event) {
    if (state == State.CONNECTED) {
      publish(Channel.EVENTS, event.toJson());
      return;
    }
    if (state != State.CLOSED) {
      if (queued.size() == MAX_QUEUED_EVENTS) {
        queued.removeFirst();
      }
      queued.addLast(event);
    }
  }

  /**
   * Publishes {@code offline} (retained) and disconnects, or stops trying to connect.
   *
   * @return a future that completes once disconnected; it never fails
   */
  Future<Void> close() {
    boolean wasConnected = state == State.CONNECTED;
    state = State.CLOSED;
    connected = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    MqttClient current = client;
    client = null;
    if (current == null) {
      return Future.succeededFuture();
    }
    if (!wasConnected) {
      return current.disconnect().otherwiseEmpty();
    }
    StationStatus offline = new StationStatus(StationStatus.State.OFFLINE, clock.instant(),
        agentName);
    return current.publish(topic(Channel.STATUS), offline.toJson().toBuffer(),
            MqttQoS.AT_LEAST_ONCE, false, true)
        .timeout(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .otherwiseEmpty()
        .compose(published -> current.disconnect())
        .otherwiseEmpty()
        .onComplete(done -> LOG.info("disconnected [server: {}]", config.server()))
        .mapEmpty();
  }

  private void connect() {
    timer = -1;
    if (state == State.CLOSED) {
      return;
    }
    state = State.CONNECTING;
    MqttClient attempt = MqttClient.create(vertx, options());
    client = attempt;
    attempt.publishHandler(this::onPublish);
    attempt.closeHandler(closed -> onClosed(attempt));
    long deadline = vertx.setTimer(CONNECT_TIMEOUT.toMillis(), id -> {
      if (client == attempt && state == State.CONNECTING) {
        problem = "no CONNACK within " + CONNECT_TIMEOUT.toSeconds() + " s";
        LOG.warn("connection attempt timed out [server: {}]", config.server());
        client = null;
        attempt.disconnect();
        retry();
      }
    });
    attempt.connect(config.server().port(), config.server().host()).onComplete(connack -> {
      vertx.cancelTimer(deadline);
      if (client != attempt || state != State.CONNECTING) {
        if (connack.succeeded()) {
          attempt.disconnect();
        }
        return;
      }
      if (connack.failed()) {
        problem = explain(connack.cause());
        LOG.warn("cannot connect [server: {}, reason: {}]", config.server(), problem);
        client = null;
        retry();
        return;
      }
      onConnected(attempt);
    });
  }

  private void onConnected(MqttClient attempt) {
    state = State.CONNECTED;
    connected = true;
    problem = null;
    backoff.reset();
    LOG.info("connected [server: {}, station: {}, org: {}]", config.server(), config.stationId(),
        config.org());
    StationStatus online = new StationStatus(StationStatus.State.ONLINE, clock.instant(),
        agentName);
    send(Channel.STATUS, online.toJson());
    String filter = StationTopic.commandFilter(config.org(), config.stationId());
    attempt.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value())
        .onSuccess(id -> LOG.debug("subscribed [filter: {}]", filter))
        .onFailure(failure -> LOG.warn("subscribe failed [filter: {}, reason: {}]", filter,
            failure.getMessage()));
    while (!queued.isEmpty()) {
      publish(Channel.EVENTS, queued.removeFirst().toJson());
    }
    listener.connected();
  }

  private void onClosed(MqttClient closed) {
    if (closed != client) {
      return;
    }
    if (state == State.CONNECTED) {
      state = State.DISCONNECTED;
      connected = false;
      client = null;
      problem = "connection lost";
      LOG.warn("connection lost [server: {}]", config.server());
      listener.disconnected();
      retry();
    }
  }

  private void retry() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.DISCONNECTED;
    Duration delay = backoff.next();
    LOG.info("reconnecting [server: {}, in: {} ms, attempt: {}]", config.server(), delay.toMillis(),
        backoff.attempts());
    timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> connect());
  }

  private void onPublish(MqttPublishMessage message) {
    Optional<StationTopic> topic = StationTopic.parse(message.topicName());
    if (topic.isEmpty() || topic.get().channel().direction() != Channel.Direction.TO_STATION
        || !topic.get().org().equals(config.org())
        || !topic.get().station().equals(config.stationId())) {
      LOG.debug("message on an unexpected topic ignored [topic: {}]", message.topicName());
      return;
    }
    listener.received(topic.get().channel(), message.payload());
  }

  private Future<Integer> send(Channel channel, JsonObject message) {
    MqttClient current = client;
    if (current == null) {
      return Future.failedFuture("not connected");
    }
    return current.publish(topic(channel), message.toBuffer(), MqttQoS.valueOf(channel.qos()),
        false, channel.retained());
  }

  private String topic(Channel channel) {
    return new StationTopic(config.org(), config.stationId(), channel).name();
  }

  private MqttClientOptions options() {
    StationStatus offline = new StationStatus(StationStatus.State.OFFLINE, clock.instant(),
        agentName);
    MqttClientOptions options = new MqttClientOptions()
        .setClientId(config.stationId())
        .setUsername(config.stationId())
        .setPassword(config.key())
        .setCleanSession(true)
        .setKeepAliveInterval(KEEP_ALIVE_SECONDS)
        .setWillFlag(true)
        .setWillTopic(topic(Channel.STATUS))
        .setWillMessageBytes(offline.toJson().toBuffer())
        .setWillQoS(Channel.STATUS.qos())
        .setWillRetain(true)
        .setMaxMessageSize(Messages.MAX_PAYLOAD_BYTES + 1024)
        .setMaxInflightQueue(MAX_IN_FLIGHT);
    options.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    if (config.server().tls()) {
      options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      if (config.trustedCa() != null) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(config.trustedCa().toString()));
      }
    }
    return options;
  }

  private String explain(Throwable failure) {
    if (failure instanceof MqttConnectionException refused) {
      MqttConnectReturnCode code = refused.code();
      boolean credentials =
          code == MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD
              || code == MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
      return "server refused the connection: " + code
          + (credentials ? "; check stationId and the station's key" : "");
    }
    boolean tls = false;
    Throwable root = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      tls |= cause instanceof SSLException;
      root = cause;
    }
    if (tls) {
      return "TLS handshake failed, the server is not trusted or not the one named ("
          + root.getMessage() + "); check trustedCa and the server's certificate";
    }
    return String.valueOf(failure.getMessage());
  }
}
