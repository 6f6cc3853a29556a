package talos.core.gateway;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.bus.Addresses;
import talos.core.bus.Principal;
import talos.core.bus.ServiceFailure;
import talos.core.gateway.GatewayMetrics.Refusal;
import talos.core.gateway.TopicRules.OperatorFilter;
import talos.core.tenancy.Access;
import talos.core.tenancy.Role;
import talos.protocol.Channel;
import talos.protocol.StationStatus;
import talos.protocol.StationTopic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only connections of operators, signed in with a personal API token: they may subscribe to
 * the telemetry, status and events of stations of organisations they belong to, and publish
 * nothing. Messages reach them from the {@code talos.station.*} publications, so a station may be
 * connected to any node. Used on the gateway's event loop only.
 */
final class OperatorLinks {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorLinks.class);
  private static final String SUBSCRIBE_RULE = "allowed: talos/{org}/gs/+/{telemetry|status|events}"
      + " or one station's, of an organisation you belong to";

  /** One operator's connection and what it may read. */
  private record Operator(Link link, String clientId, Principal principal,
                          Map<String, Grant> grants) {
  }

  private record Grant(OperatorFilter filter, int qos) {
  }

  private final EventBus bus;
  private final GatewayMetrics metrics;
  private final StatusBoard board;
  private final Access access;
  private final Map<String, Operator> byClientId = new HashMap<>();

  OperatorLinks(EventBus bus, GatewayMetrics metrics, StatusBoard board, Access access) {
    this.bus = bus;
    this.metrics = metrics;
    this.board = board;
    this.access = access;
  }

  int size() {
    return byClientId.size();
  }

  /**
   * Accepts an authenticated operator's connection, closing an older one with the same client id
   * here, and through {@link Addresses#GATEWAY_OPERATOR_TAKEOVER} on every other gateway instance.
   *
   * @param properties the CONNACK properties of an MQTT 5 client
   */
  void admit(Link link, Principal principal, MqttProperties properties) {
    MqttEndpoint endpoint = link.endpoint();
    Operator operator = new Operator(link, endpoint.clientIdentifier(), principal,
        new LinkedHashMap<>());
    Operator older = byClientId.put(operator.clientId(), operator);
    if (older != null) {
      takeOver(older);
    }
    bus.publish(Addresses.GATEWAY_OPERATOR_TAKEOVER, new JsonObject()
        .put("clientId", operator.clientId()).put("connection", link.id()));
    link.onClose(() -> byClientId.remove(operator.clientId(), operator));
    endpoint.publishAutoAck(false);
    endpoint.subscriptionAutoAck(false);
    endpoint.publishHandler(message -> publish(operator, message));
    endpoint.subscribeHandler(message -> subscribe(operator, message));
    endpoint.unsubscribeHandler(message -> unsubscribe(operator, message));
    endpoint.pingHandler(ignored -> link.touch(System.nanoTime()));
    endpoint.publishAcknowledgeHandler(ignored -> link.touch(System.nanoTime()));
    endpoint.accept(false, properties);
    LOG.info("operator connected [user: {}, remote: {}, protocol: {}]", principal.userId(),
        link.remote(), link.protocolVersion());
  }

  /** Closes this instance's connection of a client id that connected again elsewhere. */
  void takenOverElsewhere(JsonObject notice) {
    Operator operator = byClientId.get(notice.getString("clientId"));
    if (operator != null && !operator.link().id().equals(notice.getString("connection"))) {
      byClientId.remove(operator.clientId(), operator);
      takeOver(operator);
    }
  }

  private static void takeOver(Operator older) {
    older.link().disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER,
        "another connection with this client id took over");
  }

  /** Every operator connection, for the keep-alive check. */
  List<Link> links() {
    return byClientId.values().stream().map(Operator::link).toList();
  }

  /** Closes every connection for this node's shutdown. */
  void closeAll() {
    List.copyOf(byClientId.values()).forEach(operator -> operator.link().disconnect(
        MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN, "the server is shutting down"));
    byClientId.clear();
  }

  /**
   * Hands a {@code talos.station.*} publication to every operator subscribed to it.
   *
   * @param body the publication: {@code stationId}, {@code orgSlug} and the message
   */
  void forward(Channel channel, JsonObject body) {
    if (byClientId.isEmpty()) {
      return;
    }
    String orgSlug = body.getString("orgSlug");
    String stationId = body.getString("stationId");
    Buffer payload = payload(channel, body).toBuffer();
    String topic = new StationTopic(orgSlug, stationId, channel).name();
    for (Operator operator : byClientId.values()) {
      int granted = -1;
      for (Grant grant : operator.grants().values()) {
        if (grant.filter().covers(orgSlug, stationId, channel)) {
          granted = Math.max(granted, grant.qos());
        }
      }
      if (granted >= 0) {
        send(operator, topic, payload, Math.min(channel.qos(), granted), false, channel);
      }
    }
  }

  private void send(Operator operator, String topic, Buffer payload, int qos, boolean retain,
                    Channel channel) {
    try {
      operator.link().endpoint().publish(topic, payload, MqttQoS.valueOf(qos), false, retain)
          .onSuccess(ignored -> metrics.sent(channel));
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.debug("operator gone before a message [user: {}]", operator.principal().userId());
    }
  }

  private void publish(Operator operator, MqttPublishMessage message) {
    metrics.refused(Refusal.FORBIDDEN_PUBLISH);
    LOG.info("publish refused [user: {}, topic: {}]", operator.principal().userId(),
        message.topicName());
    operator.link().disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED,
        "an API token connection is read-only");
  }

  private void subscribe(Operator operator, MqttSubscribeMessage message) {
    Link link = operator.link();
    link.touch(System.nanoTime());
    List<Future<MqttSubAckReasonCode>> decisions = new ArrayList<>();
    for (MqttTopicSubscription subscription : message.topicSubscriptions()) {
      decisions.add(decide(operator, subscription));
    }
    Future.all(decisions).onComplete(all -> {
      if (link.closed()) {
        return;
      }
      List<MqttSubAckReasonCode> codes = decisions.stream().map(Future::result).toList();
      link.endpoint().subscribeAcknowledge(message.messageId(), codes,
          Acknowledgements.rule(link, codes, SUBSCRIBE_RULE));
      for (int i = 0; i < codes.size(); i++) {
        String filter = message.topicSubscriptions().get(i).topicName();
        Grant grant = operator.grants().get(filter);
        if ((codes.get(i).value() & 0xff) < 0x80 && grant != null
            && grant.filter().channel() == Channel.STATUS) {
          sendRetainedStatus(operator, grant);
        }
      }
    });
  }

  /** Decides one subscription; the future always succeeds, with the SUBACK code. */
  private Future<MqttSubAckReasonCode> decide(Operator operator, MqttTopicSubscription wanted) {
    Optional<OperatorFilter> filter = TopicRules.operatorFilter(wanted.topicName());
    if (filter.isEmpty()) {
      return Future.succeededFuture(refuse(operator, wanted.topicName()));
    }
    int qos = Math.min(wanted.qualityOfService().value(), 1);
    return access.require(operator.principal(), filter.get().org(), Role.VIEWER)
        .map(grant -> {
          operator.grants().put(wanted.topicName(), new Grant(filter.get(), qos));
          return MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(qos));
        })
        .otherwise(e -> {
          if (ServiceFailure.statusOf(e) == ServiceFailure.INTERNAL) {
            LOG.warn("membership not checked [user: {}]", operator.principal().userId(), e);
          }
          return refuse(operator, wanted.topicName());
        });
  }

  private MqttSubAckReasonCode refuse(Operator operator, String filter) {
    metrics.refused(Refusal.FORBIDDEN_SUBSCRIBE);
    LOG.info("subscription refused [user: {}, filter: {}]", operator.principal().userId(), filter);
    return Acknowledgements.notAuthorized(operator.link());
  }

  private void sendRetainedStatus(Operator operator, Grant grant) {
    board.of(grant.filter().org(), grant.filter().station())
        .onSuccess(statuses -> statuses.forEach(status -> send(operator,
            new StationTopic(status.getString("orgSlug"), status.getString("stationId"),
                Channel.STATUS).name(),
            StationStatus.fromJson(status).toJson().toBuffer(),
            Math.min(Channel.STATUS.qos(), grant.qos()), true, Channel.STATUS)))
        .onFailure(e -> LOG.warn("retained statuses not read [org: {}]", grant.filter().org(), e));
  }

  private void unsubscribe(Operator operator, MqttUnsubscribeMessage message) {
    operator.link().touch(System.nanoTime());
    message.topics().forEach(operator.grants()::remove);
    Acknowledgements.unsubscribe(operator.link(), message, MqttUnsubAckReasonCode.SUCCESS);
  }

  private static JsonObject payload(Channel channel, JsonObject body) {
    return switch (channel) {
      case TELEMETRY -> body.getJsonObject("telemetry");
      case STATUS -> StationStatus.fromJson(body).toJson();
      case EVENTS -> body.getJsonObject("event");
      default -> throw new IllegalArgumentException("channel " + channel.suffix()
          + " is not one operators read");
    };
  }
}
