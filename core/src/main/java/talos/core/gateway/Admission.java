package talos.core.gateway;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.bus.Addresses;
import talos.core.bus.Principal;
import talos.core.bus.ServiceFailure;
import talos.core.config.CoreConfig;
import talos.core.gateway.GatewayMetrics.Refusal;
import talos.core.security.Tokens;

import java.util.UUID;

/**
 * Decides who may connect: a station with its id as client id and user name and its key as
 * password, checked over the bus ({@code talos.auth.station.verify}); or an operator with a
 * personal API token as password ({@code talos.auth.authenticate}), read-only. It also applies the
 * keep-alive limit and turns away addresses with too many failed sign-ins. Used on the gateway's
 * event loop only.
 */
final class Admission {

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
  private static final DeliveryOptions CHECK = new DeliveryOptions().setSendTimeout(10_000);

  private final EventBus bus;
  private final CoreConfig.Mqtt settings;
  private final GatewayMetrics metrics;
  private final AuthThrottle throttle;
  private final StationLinks stations;
  private final OperatorLinks operators;

  Admission(EventBus bus, CoreConfig.Mqtt settings, GatewayMetrics metrics, AuthThrottle throttle,
            StationLinks stations, OperatorLinks operators) {
    this.bus = bus;
    this.settings = settings;
    this.metrics = metrics;
    this.throttle = throttle;
    this.stations = stations;
    this.operators = operators;
  }

  /** Handles a CONNECT: refuses it at once, or checks its credentials and admits it. */
  void connect(MqttEndpoint endpoint) {
    boolean mqtt5 = endpoint.protocolVersion() >= Link.MQTT_5;
    int asked = endpoint.keepAliveTimeSeconds();
    boolean keepAliveAllowed = asked > 0 && asked <= settings.maxKeepAlive();
    Link link = new Link(endpoint, keepAliveAllowed ? asked : settings.maxKeepAlive(),
        settings.messageRate());
    endpoint.exceptionHandler(e -> failed(link, e));
    if (throttle.blocked(link.remote())) {
      metrics.throttled();
      LOG.info("mqtt sign-in refused [remote: {}, reason: too many failed sign-ins]",
          link.remote());
      endpoint.reject(mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
          : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
      return;
    }
    if (!keepAliveAllowed && !mqtt5) {
      metrics.refused(Refusal.KEEP_ALIVE);
      LOG.info("connection refused [remote: {}, reason: keep-alive {} s; allowed: 1 to {} s]",
          link.remote(), asked, settings.maxKeepAlive());
      endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
      return;
    }
    MqttProperties properties = connAckProperties(mqtt5, keepAliveAllowed);
    MqttAuth auth = endpoint.auth();
    if (auth == null || auth.getPassword() == null || auth.getUsername() == null) {
      refuseCredentials(link, "no user name and password");
    } else if (auth.getPassword().startsWith(Tokens.API_TOKEN)) {
      admitOperator(link, auth.getPassword(), properties);
    } else {
      admitStation(link, auth, properties);
    }
  }

  private void admitStation(Link link, MqttAuth auth, MqttProperties properties) {
    MqttEndpoint endpoint = link.endpoint();
    String stationId;
    try {
      stationId = UUID.fromString(auth.getUsername()).toString();
    } catch (IllegalArgumentException e) {
      refuseCredentials(link, "user name is not a station id");
      return;
    }
    if (!stationId.equalsIgnoreCase(String.valueOf(endpoint.clientIdentifier()))) {
      metrics.refused(Refusal.CLIENT_ID);
      LOG.info("connection refused [station: {}, remote: {}, reason: client id differs from the"
          + " station id]", stationId, link.remote());
      endpoint.reject(link.mqtt5()
          ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
          : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
      return;
    }
    JsonObject request = new JsonObject().put("stationId", stationId)
        .put("key", auth.getPassword());
    bus.<JsonObject>request(Addresses.AUTH_STATION_VERIFY, request, CHECK)
        .map(Message::body)
        .onSuccess(verified -> {
          if (link.closed()) {
            return;
          }
          StationLink station = new StationLink(link, StationLink.Identity.fromJson(verified));
          if (!StationLinks.willAllowed(endpoint.will(), station.identity())) {
            metrics.refused(Refusal.FORBIDDEN_WILL);
            LOG.info("connection refused [station: {}, reason: last will on '{}']", stationId,
                endpoint.will().getWillTopic());
            endpoint.reject(link.mqtt5() ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
          }
          stations.admit(station, properties);
        })
        .onFailure(e -> refuseOrFail(link, e, "station " + stationId));
  }

  private void admitOperator(Link link, String token, MqttProperties properties) {
    bus.<JsonObject>request(Addresses.AUTH_AUTHENTICATE, new JsonObject().put("bearer", token),
            CHECK)
        .map(reply -> Principal.fromJson(reply.body()))
        .onSuccess(principal -> {
          if (!link.closed()) {
            operators.admit(link, principal, properties);
          }
        })
        .onFailure(e -> refuseOrFail(link, e, "api token"));
  }

  private void refuseOrFail(Link link, Throwable failure, String who) {
    if (link.closed()) {
      return;
    }
    if (ServiceFailure.statusOf(failure) == ServiceFailure.UNAUTHORIZED) {
      refuseCredentials(link, "unknown or wrong credentials for " + who);
      return;
    }
    LOG.warn("mqtt sign-in not checked [remote: {}, status: {}]", link.remote(),
        ServiceFailure.statusOf(failure), failure);
    link.endpoint().reject(link.mqtt5()
        ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
  }

  private void refuseCredentials(Link link, String reason) {
    metrics.badCredentials();
    LOG.info("mqtt sign-in refused [remote: {}, reason: {}]", link.remote(), reason);
    throttle.failed(link.remote())
        .onFailure(e -> LOG.warn("failed sign-in not counted [remote: {}]", link.remote(), e));
    link.endpoint().reject(link.mqtt5()
        ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
  }

  /**
   * What an MQTT 5 client is told in CONNACK: the largest packet, QoS 1 at most, no shared
   * subscriptions or subscription ids, and the keep-alive when it asked for none or too long a one.
   */
  private MqttProperties connAckProperties(boolean mqtt5, boolean keepAliveAllowed) {
    if (!mqtt5) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties properties = new MqttProperties();
    properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE,
        settings.maxMessageBytes()));
    properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_QOS, 1));
    properties.add(new MqttProperties.IntegerProperty(
        MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
    properties.add(new MqttProperties.IntegerProperty(
        MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
    if (!keepAliveAllowed) {
      properties.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE,
          settings.maxKeepAlive()));
    }
    return properties;
  }

  /** A protocol error on a connection, such as a packet over the size limit: the client goes. */
  private void failed(Link link, Throwable error) {
    if (isTooLarge(error)) {
      metrics.refused(Refusal.OVERSIZED);
      LOG.info("packet too large [remote: {}, limit: {} bytes]", link.remote(),
          settings.maxMessageBytes());
      link.disconnect(MqttDisconnectReasonCode.PACKET_TOO_LARGE,
          "packets are limited to " + settings.maxMessageBytes() + " bytes");
      return;
    }
    LOG.debug("mqtt connection failed [remote: {}]", link.remote(), error);
    link.disconnect(MqttDisconnectReasonCode.PROTOCOL_ERROR, "protocol error");
  }

  private static boolean isTooLarge(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TooLongFrameException) {
        return true;
      }
    }
    return false;
  }
}
