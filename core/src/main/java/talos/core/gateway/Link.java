package talos.core.gateway;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

import java.time.Instant;
import java.util.UUID;

/**
 * One MQTT connection, station or operator, from CONNECT to close: what every connection has, and
 * how the gateway ends one. Used on the gateway's event loop only.
 */
final class Link {

  /** The protocol level MQTT 5 announces in CONNECT. */
  static final int MQTT_5 = 5;

  private final MqttEndpoint endpoint;
  private final String id = UUID.randomUUID().toString();
  private final String remote;
  private final Instant since = Instant.now();
  private final TokenBucket bucket;
  private final int keepAlive;
  private long lastActivity;
  private boolean closed;
  private Runnable onClose = () -> { };

  /**
   * @param keepAlive the keep-alive the connection runs with, in seconds
   * @param messageRate messages per second the connection may send on average, twice that at once
   */
  Link(MqttEndpoint endpoint, int keepAlive, int messageRate) {
    this.endpoint = endpoint;
    this.remote = endpoint.remoteAddress().hostAddress();
    this.keepAlive = keepAlive;
    long now = System.nanoTime();
    this.bucket = new TokenBucket(messageRate, 2 * messageRate, now);
    this.lastActivity = now;
    endpoint.closeHandler(ignored -> {
      closed = true;
      onClose.run();
    });
  }

  MqttEndpoint endpoint() {
    return endpoint;
  }

  /** A random id of this connection, unique across the cluster. */
  String id() {
    return id;
  }

  /** The client's IP address. */
  String remote() {
    return remote;
  }

  Instant since() {
    return since;
  }

  int keepAlive() {
    return keepAlive;
  }

  int protocolVersion() {
    return endpoint.protocolVersion();
  }

  boolean mqtt5() {
    return endpoint.protocolVersion() >= MQTT_5;
  }

  boolean closed() {
    return closed;
  }

  /** Sets what runs once the connection has closed, for whatever reason. */
  void onClose(Runnable action) {
    this.onClose = action;
  }

  /** Records that the client sent a packet now, for the keep-alive check. */
  void touch(long now) {
    lastActivity = now;
  }

  /** Whether the client has been silent for more than one and a half keep-alives. */
  boolean silentSince(long now) {
    return now - lastActivity > keepAlive * 1_500_000_000L;
  }

  /** Takes one message from the connection's rate budget; {@code false} when it is spent. */
  boolean withinRate(long now) {
    return bucket.tryTake(now);
  }

  /**
   * Ends the connection: an MQTT 5 client gets a DISCONNECT with {@code code} and {@code reason} as
   * its reason string first, an older one is simply closed. Nothing happens when already closed.
   */
  void disconnect(MqttDisconnectReasonCode code, String reason) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (mqtt5() && endpoint.isConnected()) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
        endpoint.disconnect(code, properties);
      } else {
        endpoint.close();
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // the endpoint was closed under us: nothing left to end
    }
  }
}
