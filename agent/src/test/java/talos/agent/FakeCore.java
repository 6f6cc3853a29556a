package talos.agent;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttPublishMessage;
import talos.protocol.Channel;
import talos.protocol.Messages;
import talos.protocol.ReceivedFrames;
import talos.protocol.StationEvent;
import talos.protocol.StationTopic;
import talos.protocol.Telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal stand-in for the core's MQTT gateway: an MQTT server that records who connects and what
 * they publish and subscribe to, can publish to a connected agent, drop its connections and refuse
 * new ones.
 */
final class FakeCore implements AutoCloseable {

  /** A CONNECT the server saw. */
  record Connect(String clientId, String username, String password, MqttWill will,
                 boolean accepted) {
  }

  /** A connected agent and the context its endpoint runs on. */
  private record Client(MqttEndpoint endpoint, Context context) {
  }

  /** A message an agent published; {@code bytes} is the payload's size. */
  record Published(String topic, JsonObject json, int qos, boolean retain, int bytes) {

    Channel channel() {
      return StationTopic.parse(topic).map(StationTopic::channel).orElse(null);
    }
  }

  private final Vertx vertx;
  private final MqttServerOptions options;
  private final List<Connect> connects = new CopyOnWriteArrayList<>();
  private final List<String> subscriptions = new CopyOnWriteArrayList<>();
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private volatile boolean accepting = true;
  private MqttServer server;
  private int port;

  FakeCore(Vertx vertx, MqttServerOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** Starts a plain server on an ephemeral port that takes messages as large as the gateway. */
  static FakeCore start(Vertx vertx) throws Exception {
    FakeCore core = new FakeCore(vertx, new MqttServerOptions().setHost("127.0.0.1").setPort(0)
        .setMaxMessageSize(Messages.MAX_PAYLOAD_BYTES + 1024));
    core.listen();
    return core;
  }

  /** Starts listening, on the port used before if there was one. */
  void listen() throws Exception {
    server = MqttServer.create(vertx, new MqttServerOptions(options).setPort(port));
    server.exceptionHandler(failures::add);
    server.endpointHandler(this::onEndpoint);
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  int port() {
    return port;
  }

  /** Stops the server and drops every connection. */
  void stop() throws Exception {
    dropConnections();
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Whether new connections are accepted (else CONNACK says server unavailable). */
  void accepting(boolean accept) {
    accepting = accept;
  }

  /** Closes every connection without a DISCONNECT, as a network failure would. */
  void dropConnections() {
    clients.forEach(client -> client.context().runOnContext(v -> {
      if (client.endpoint().isConnected()) {
        client.endpoint().close();
      }
    }));
    clients.clear();
  }

  /** Publishes to every connected agent. */
  void publish(String topic, JsonObject message, int qos) {
    clients.forEach(client -> client.context().runOnContext(v -> {
      if (client.endpoint().isConnected()) {
        client.endpoint().publish(topic, message.toBuffer(), MqttQoS.valueOf(qos), false, false);
      }
    }));
  }

  boolean hasConnectedAgent() {
    return clients.stream().anyMatch(client -> client.endpoint().isConnected());
  }

  List<Connect> connects() {
    return List.copyOf(connects);
  }

  List<String> subscriptions() {
    return List.copyOf(subscriptions);
  }

  List<Published> published() {
    return List.copyOf(published);
  }

  List<Published> published(Channel channel) {
    return published.stream().filter(message -> message.channel() == channel).toList();
  }

  List<StationEvent> events() {
    return published(Channel.EVENTS).stream().map(message -> StationEvent.fromJson(message.json()))
        .toList();
  }

  List<StationEvent> events(String type) {
    return events().stream().filter(event -> event.type().equals(type)).toList();
  }

  List<Telemetry> telemetry() {
    return published(Channel.TELEMETRY).stream()
        .map(message -> Telemetry.fromJson(message.json())).toList();
  }

  /** The frame messages published, in order, read as the core reads them. */
  List<ReceivedFrames> frames() {
    return published(Channel.FRAMES).stream()
        .map(message -> ReceivedFrames.fromJson(message.json())).toList();
  }

  /** The states published on the status channel, in order. */
  List<String> statuses() {
    return published(Channel.STATUS).stream().map(message -> message.json().getString("state"))
        .toList();
  }

  /** Failures the server saw outside any connection, such as failed TLS handshakes. */
  List<Throwable> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  private void onEndpoint(MqttEndpoint endpoint) {
    boolean accept = accepting;
    connects.add(new Connect(endpoint.clientIdentifier(),
        endpoint.auth() == null ? null : endpoint.auth().getUsername(),
        endpoint.auth() == null ? null : endpoint.auth().getPassword(), endpoint.will(), accept));
    if (!accept) {
      endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
      return;
    }
    endpoint.subscribeHandler(subscribe -> {
      subscribe.topicSubscriptions().forEach(s -> subscriptions.add(s.topicName()));
      endpoint.subscribeAcknowledge(subscribe.messageId(), subscribe.topicSubscriptions().stream()
          .map(s -> s.qualityOfService()).toList());
    });
    endpoint.publishHandler(this::onPublish);
    endpoint.publishAutoAck(true);
    endpoint.accept(false);
    clients.add(new Client(endpoint, vertx.getOrCreateContext()));
  }

  private void onPublish(MqttPublishMessage message) {
    published.add(new Published(message.topicName(), message.payload().toJsonObject(),
        message.qosLevel().value(), message.isRetain(), message.payload().length()));
  }
}
