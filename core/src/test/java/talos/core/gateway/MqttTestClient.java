package talos.core.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw MQTT client for tests, speaking 3.1.1 or 5 through Netty's MQTT codec, so that tests can see
 * the exact packets and reason codes the gateway answers with. Each call blocks until the answer
 * arrives or {@link #TIMEOUT} passes.
 */
final class MqttTestClient implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final BlockingQueue<MqttMessage> acks = new LinkedBlockingQueue<>();
  private final BlockingQueue<MqttPublishMessage> publishes = new LinkedBlockingQueue<>();
  private final List<MqttPublishMessage> all = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Integer> disconnected = new CompletableFuture<>();
  private final AtomicInteger packetIds = new AtomicInteger();
  private final MqttVersion version;
  private Channel channel;
  private MqttConnAckMessage connAck;

  private MqttTestClient(MqttVersion version) {
    this.version = version;
  }

  /** A last will: the topic and message the server publishes if the client vanishes. */
  record Will(String topic, String message) {
  }

  /** Opens a connection and sends CONNECT; {@link #connectCode()} tells the answer. */
  static MqttTestClient connect(int port, MqttVersion version, String clientId, String username,
                                String password) throws Exception {
    return connect(port, version, clientId, username, password, 30, null);
  }

  static MqttTestClient connect(int port, MqttVersion version, String clientId, String username,
                                String password, int keepAlive, Will will) throws Exception {
    MqttTestClient client = new MqttTestClient(version);
    client.open(port);
    MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
        .protocolVersion(version)
        .clientId(clientId)
        .cleanSession(true)
        .keepAlive(keepAlive)
        .hasUser(username != null)
        .username(username)
        .hasPassword(password != null)
        .password(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
    if (will != null) {
      connect.willFlag(true).willTopic(will.topic()).willQoS(MqttQoS.AT_LEAST_ONCE)
          .willMessage(will.message().getBytes(StandardCharsets.UTF_8));
    }
    client.channel.writeAndFlush(connect.build()).sync();
    client.connAck = (MqttConnAckMessage) client.await(MqttMessageType.CONNACK);
    return client;
  }

  /** The CONNACK return or reason code: 0 for accepted. */
  int connectCode() {
    return connAck.variableHeader().connectReturnCode().byteValue() & 0xff;
  }

  MqttProperties connAckProperties() {
    return connAck.variableHeader().properties();
  }

  /** Subscribes to one filter and returns the SUBACK code for it. */
  int subscribe(String filter, int qos) throws Exception {
    channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(nextId())
        .addSubscription(MqttQoS.valueOf(qos), filter).build()).sync();
    MqttSubAckMessage subAck = (MqttSubAckMessage) await(MqttMessageType.SUBACK);
    return subAck.payload().reasonCodes().get(0) & 0xff;
  }

  /** Publishes with QoS 0 and returns at once. */
  void publish(String topic, String payload) throws Exception {
    publish(topic, payload.getBytes(StandardCharsets.UTF_8), 0);
  }

  /**
   * Publishes; with QoS 1 waits for PUBACK and returns its reason code (0 under MQTT 3.1.1), with
   * QoS 0 returns -1 at once.
   */
  int publish(String topic, byte[] payload, int qos) throws Exception {
    MqttPublishMessage message = MqttMessageBuilders.publish().topicName(topic)
        .qos(MqttQoS.valueOf(qos)).messageId(qos == 0 ? 0 : nextId())
        .payload(Unpooled.wrappedBuffer(payload)).retained(false).build();
    channel.writeAndFlush(message).sync();
    if (qos == 0) {
      return -1;
    }
    MqttMessage pubAck = await(MqttMessageType.PUBACK);
    return pubAck.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply
        ? reply.reasonCode() & 0xff : 0;
  }

  /** The next message the server publishes to this client. */
  MqttPublishMessage awaitPublish() throws Exception {
    MqttPublishMessage message = publishes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new TimeoutException("no PUBLISH within " + TIMEOUT);
    }
    return message;
  }

  /** The next message the server publishes to this client on {@code topic}, skipping others. */
  MqttPublishMessage awaitPublish(String topic) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      MqttPublishMessage message = publishes.poll(10, TimeUnit.MILLISECONDS);
      if (message != null && message.variableHeader().topicName().equals(topic)) {
        return message;
      }
    }
    throw new TimeoutException("no PUBLISH on " + topic + " within " + TIMEOUT);
  }

  /** Every message published to this client so far, taken or not. */
  List<MqttPublishMessage> received() {
    return List.copyOf(all);
  }

  /**
   * Waits for the server to end the connection: the reason code of its DISCONNECT, or -1 when it
   * closed the connection without one.
   */
  int awaitDisconnect() throws Exception {
    return disconnected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isOpen() {
    return channel.isActive() && !disconnected.isDone();
  }

  /** Sends DISCONNECT and closes, as a client that leaves in good order. */
  void disconnect() throws Exception {
    if (channel.isActive()) {
      channel.writeAndFlush(MqttMessageBuilders.disconnect().build()).sync();
      channel.close().sync();
    }
  }

  /** Closes the socket without DISCONNECT, as a client that crashed or lost its link. */
  void drop() throws Exception {
    channel.close().sync();
  }

  @Override
  public void close() throws Exception {
    channel.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private void open(int port) throws Exception {
    channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel socket) {
            socket.pipeline().addLast(new MqttDecoder(1024 * 1024), MqttEncoder.INSTANCE,
                new SimpleChannelInboundHandler<MqttMessage>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext context, MqttMessage message) {
                    received(message);
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext context) {
                    disconnected.complete(-1);
                  }
                });
          }
        })
        .connect("127.0.0.1", port).sync().channel();
  }

  private void received(MqttMessage message) {
    switch (message.fixedHeader().messageType()) {
      case PUBLISH -> {
        MqttPublishMessage publish = ((MqttPublishMessage) message).retain();
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
          channel.writeAndFlush(MqttMessageBuilders.pubAck()
              .packetId(publish.variableHeader().packetId()).build());
        }
        all.add(publish);
        publishes.add(publish);
      }
      case DISCONNECT -> disconnected.complete(message.variableHeader()
          instanceof MqttReasonCodeAndPropertiesVariableHeader header
          ? header.reasonCode() & 0xff : 0);
      default -> acks.add(message);
    }
  }

  private MqttMessage await(MqttMessageType type) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      MqttMessage message = acks.poll(10, TimeUnit.MILLISECONDS);
      if (message != null && message.fixedHeader().messageType() == type) {
        return message;
      }
      if (message == null && disconnected.isDone()) {
        throw new IllegalStateException("connection closed while waiting for " + type
            + " (disconnect code " + disconnected.getNow(-1) + ")");
      }
    }
    throw new TimeoutException("no " + type + " within " + TIMEOUT + " (" + version + ")");
  }

  private int nextId() {
    return packetIds.incrementAndGet();
  }
}
