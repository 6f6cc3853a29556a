package talos.core.gateway;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.core.bus.Addresses;
import talos.core.bus.ServiceFailure;
import talos.core.gateway.GatewayMetrics.Refusal;
import talos.core.live.LiveFeed;
import talos.protocol.Channel;
import talos.protocol.ProtocolException;
import talos.protocol.StationStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stations connected to this node: their access rules, the bridge between their topics and the
 * event bus, their online and offline status, and takeover of a station's older connection on any
 * node. Used on the gateway's event loop only.
 */
final class StationLinks {

  private static final Logger LOG = LoggerFactory.getLogger(StationLinks.class);
  private static final String PUBLISH_RULE =
      "allowed: the station's own talos/{org}/gs/{id}/telemetry, status, events or frames";
  private static final String SUBSCRIBE_RULE =
      "allowed: the station's own talos/{org}/gs/{id}/cmd/# or a filter below it";

  private final EventBus bus;
  private final String nodeId;
  private final GatewayMetrics metrics;
  private final StatusBoard board;
  private final LastSeen lastSeen;
  private final LiveFeed live;
  private final Map<String, StationLink> byStation = new HashMap<>();

  StationLinks(EventBus bus, String nodeId, GatewayMetrics metrics, StatusBoard board,
               LastSeen lastSeen) {
    this.bus = bus;
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.board = board;
    this.lastSeen = lastSeen;
    this.live = new LiveFeed(bus);
  }

  int size() {
    return byStation.size();
  }

  /** Ids of the stations connected here. */
  Collection<String> stationIds() {
    return List.copyOf(byStation.keySet());
  }

  Collection<StationLink> links() {
    return List.copyOf(byStation.values());
  }

  /**
   * Whether {@code will} is one the station may leave: none, or a message on one of its own
   * station-to-core topics.
   */
  static boolean willAllowed(MqttWill will, StationLink.Identity identity) {
    return will == null || !will.isWillFlag() || TopicRules.stationMayPublish(identity.orgSlug(),
        identity.stationId(), will.getWillTopic()).isPresent();
  }

  /**
   * Takes a verified station's connection into service: closes its older connection here and
   * tells other nodes to close theirs, registers its bus addresses, then accepts it and announces
   * it online.
   *
   * @param properties the CONNACK properties of an MQTT 5 client
   */
  void admit(StationLink station, MqttProperties properties) {
    Link link = station.link();
    MqttEndpoint endpoint = link.endpoint();
    StationLink older = byStation.put(station.stationId(), station);
    if (older != null) {
      takeOver(older, nodeId);
    }
    bus.publish(Addresses.GATEWAY_TAKEOVER, new JsonObject().put("stationId", station.stationId())
        .put("node", nodeId).put("connection", link.id()));
    station.addConsumer(bus.consumer(Addresses.GATEWAY_STATION_PREFIX + station.stationId(),
        message -> command(station, message)));
    station.addConsumer(bus.consumer(Addresses.GATEWAY_STATE_PREFIX + station.stationId(),
        message -> message.reply(station.state(nodeId))));
    link.onClose(() -> closed(station));
    endpoint.publishAutoAck(false);
    endpoint.subscriptionAutoAck(false);
    endpoint.publishHandler(message -> publish(station, message));
    endpoint.publishReleaseHandler(id -> {
      link.touch(System.nanoTime());
      endpoint.publishComplete(id);
    });
    endpoint.subscribeHandler(message -> subscribe(station, message));
    endpoint.unsubscribeHandler(message -> unsubscribe(station, message));
    endpoint.pingHandler(ignored -> link.touch(System.nanoTime()));
    endpoint.publishAcknowledgeHandler(ignored -> link.touch(System.nanoTime()));
    endpoint.disconnectMessageHandler(message -> {
      if (message.code() != MqttDisconnectReasonCode.WITH_WILL_MESSAGE) {
        station.cleanDisconnect();
      }
    });
    station.consumersReady().onComplete(ready -> {
      if (link.closed()) {
        closed(station);
        return;
      }
      if (ready.failed()) {
        LOG.warn("station addresses not registered [station: {}]", station.stationId(),
            ready.cause());
        link.disconnect(MqttDisconnectReasonCode.SERVER_BUSY, "try again later");
        return;
      }
      endpoint.accept(false, properties);
      station.accepted();
      LOG.info("station connected [station: {}, org: {}, remote: {}, protocol: {}, node: {}]",
          station.stationId(), station.identity().orgSlug(), link.remote(),
          link.protocolVersion(), nodeId);
      station.announce(StationStatus.State.ONLINE, null);
      JsonObject online = statusBody(station,
          new StationStatus(StationStatus.State.ONLINE, Instant.now(), null));
      board.put(online, link.id())
          .onComplete(ignored -> publishStatus(online));
      touch(station.stationId());
    });
  }

  /** Closes this node's connection of a station that connected again through {@code connection}. */
  void takenOverElsewhere(JsonObject notice) {
    StationLink station = byStation.get(notice.getString("stationId"));
    if (station != null && !station.link().id().equals(notice.getString("connection"))) {
      takeOver(station, notice.getString("node"));
    }
  }

  /** Closes every connection for this node's shutdown, announcing each station offline. */
  Future<Void> closeAll() {
    List<Future<?>> announced = new ArrayList<>();
    announced.add(lastSeen.touchAll(stationIds()));
    for (StationLink station : links()) {
      station.end();
      byStation.remove(station.stationId());
      announced.add(station.unregister());
      announced.add(announceOffline(station, null));
      station.link().disconnect(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN,
          "the server is shutting down");
    }
    return Future.join(announced).mapEmpty();
  }

  /** Writes last-seen times of every station connected here. */
  void touchAll() {
    lastSeen.touchAll(stationIds())
        .onFailure(e -> LOG.warn("last seen times not written [stations: {}]", size(), e));
  }

  private void takeOver(StationLink older, String node) {
    older.takenOver();
    LOG.info("station connection taken over [station: {}, remote: {}, node: {}]",
        older.stationId(), older.link().remote(), node);
    older.link().disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER,
        "another connection of this station took over");
  }

  private void command(StationLink station, Message<JsonObject> message) {
    JsonObject body = message.body();
    Channel channel = Channel.ofSuffix(String.valueOf(body.getValue("channel")));
    if (channel == null || channel.direction() != Channel.Direction.TO_STATION) {
      message.fail(ServiceFailure.BAD_REQUEST, "channel: '" + body.getValue("channel")
          + "' is not allowed; allowed: cmd/rot, cmd/rig or cmd/session");
      return;
    }
    if (!(body.getValue("payload") instanceof JsonObject payload)) {
      message.fail(ServiceFailure.BAD_REQUEST, "payload: '" + body.getValue("payload")
          + "' is not allowed; allowed: a JSON object");
      return;
    }
    Payloads.Command command;
    try {
      command = Payloads.toStation(channel, payload, Instant.now());
    } catch (ProtocolException e) {
      message.fail(ServiceFailure.BAD_REQUEST, e.getMessage());
      return;
    }
    String topic = station.topic(channel);
    int granted = station.grantedQos(topic);
    if (station.link().closed()) {
      message.fail(ServiceFailure.UNAVAILABLE, "station " + station.stationId()
          + " is no longer connected");
      return;
    }
    if (granted < 0) {
      message.fail(ServiceFailure.UNAVAILABLE, "station " + station.stationId()
          + " is connected but has not subscribed to " + channel.suffix());
      return;
    }
    EpochFence fence = station.fence();
    if (!fence.admit(command.epoch())) {
      refuseStale(station, channel, command.epoch(), message);
      return;
    }
    MqttQoS qos = MqttQoS.valueOf(Math.min(channel.qos(), granted));
    Future<Integer> written;
    try {
      written = station.link().endpoint().publish(topic, command.bytes(), qos, false, false);
    } catch (IllegalArgumentException | IllegalStateException e) {
      written = Future.failedFuture(e);
    }
    written.onSuccess(ignored -> {
      metrics.sent(channel);
      message.reply(new JsonObject());
    }).onFailure(e -> message.fail(ServiceFailure.UNAVAILABLE, "station "
        + station.stationId() + " is no longer connected"));
  }

  /**
   * Drops a command of an epoch below the highest this connection has forwarded: it comes from a
   * node that no longer drives the station. Counted, logged once per stale epoch in a row (then at
   * debug), and answered with 409 when the sender waits for a reply.
   */
  private void refuseStale(StationLink station, Channel channel, long epoch,
                           Message<JsonObject> message) {
    long current = station.fence().highest();
    metrics.staleDropped(channel);
    if (station.fence().firstRefusalOf(epoch)) {
      LOG.warn("command of an older epoch dropped [station: {}, channel: {}, epoch: {}, "
          + "current: {}]", station.stationId(), channel.suffix(), epoch, current);
    } else {
      LOG.debug("command of an older epoch dropped [station: {}, channel: {}, epoch: {}, "
          + "current: {}]", station.stationId(), channel.suffix(), epoch, current);
    }
    message.fail(ServiceFailure.CONFLICT, "epoch " + epoch + " is below the epoch " + current
        + " of station " + station.stationId() + "; another node drives it now");
  }

  private void publish(StationLink station, MqttPublishMessage message) {
    Link link = station.link();
    long now = System.nanoTime();
    link.touch(now);
    if (!link.withinRate(now)) {
      metrics.refused(Refusal.RATE);
      LOG.info("station sends too fast [station: {}, remote: {}]", station.stationId(),
          link.remote());
      link.disconnect(MqttDisconnectReasonCode.MESSAGE_RATE_TOO_HIGH,
          "more messages than the server allows per second");
      return;
    }
    StationLink.Identity identity = station.identity();
    Optional<Channel> channel = TopicRules.stationMayPublish(identity.orgSlug(),
        identity.stationId(), message.topicName());
    if (channel.isEmpty()) {
      metrics.refused(Refusal.FORBIDDEN_PUBLISH);
      LOG.info("publish refused [station: {}, topic: {}]", station.stationId(),
          message.topicName());
      link.disconnect(MqttDisconnectReasonCode.NOT_AUTHORIZED,
          "publishing to '" + message.topicName() + "' is not allowed; " + PUBLISH_RULE);
      return;
    }
    metrics.received(channel.get());
    boolean valid = receive(station, channel.get(), message.payload());
    Acknowledgements.publish(link, message, valid);
  }

  /** Checks and forwards one message of the station; {@code false} when it breaks the protocol. */
  private boolean receive(StationLink station, Channel channel, Buffer payload) {
    Instant now = Instant.now();
    JsonObject message;
    try {
      message = Payloads.fromStation(channel, payload, now);
    } catch (ProtocolException e) {
      metrics.refused(Refusal.MALFORMED);
      LOG.debug("message refused [station: {}, channel: {}, reason: {}]", station.stationId(),
          channel.suffix(), e.getMessage());
      return false;
    }
    station.received(now);
    JsonObject body = station.identity().body();
    switch (channel) {
      case TELEMETRY -> {
        station.telemetry(message);
        JsonObject telemetry = body.put("telemetry", message);
        bus.publish(Addresses.STATION_TELEMETRY, telemetry);
        live.telemetry(telemetry);
      }
      case STATUS -> {
        station.status(message);
        StationStatus status = StationStatus.fromJson(message);
        if (station.announce(status.state(), status.agent())) {
          JsonObject announced = statusBody(station, status);
          publishIfCurrent(station, announced);
        }
      }
      case EVENTS -> bus.publish(Addresses.STATION_EVENTS, body.put("event", message));
      case FRAMES -> bus.publish(Addresses.STATION_FRAMES, body.put("frame", message));
      default -> throw new IllegalStateException("channel " + channel.suffix()
          + " passed the publish rule");
    }
    return true;
  }

  private void subscribe(StationLink station, MqttSubscribeMessage message) {
    Link link = station.link();
    link.touch(System.nanoTime());
    List<MqttSubAckReasonCode> codes = new ArrayList<>();
    for (MqttTopicSubscription subscription : message.topicSubscriptions()) {
      String filter = subscription.topicName();
      if (TopicRules.stationMaySubscribe(station.identity().orgSlug(), station.stationId(),
          filter)) {
        int qos = Math.min(subscription.qualityOfService().value(), 1);
        station.subscribe(filter, qos);
        codes.add(MqttSubAckReasonCode.qosGranted(MqttQoS.valueOf(qos)));
      } else {
        metrics.refused(Refusal.FORBIDDEN_SUBSCRIBE);
        LOG.info("subscription refused [station: {}, filter: {}]", station.stationId(), filter);
        codes.add(Acknowledgements.notAuthorized(link));
      }
    }
    link.endpoint().subscribeAcknowledge(message.messageId(), codes, Acknowledgements.rule(link,
        codes, SUBSCRIBE_RULE));
  }

  private void unsubscribe(StationLink station, MqttUnsubscribeMessage message) {
    Link link = station.link();
    link.touch(System.nanoTime());
    message.topics().forEach(station::unsubscribe);
    Acknowledgements.unsubscribe(link, message, MqttUnsubAckReasonCode.SUCCESS);
  }

  private void closed(StationLink station) {
    if (!station.end()) {
      return;
    }
    Link link = station.link();
    station.unregister();
    if (byStation.get(station.stationId()) == station) {
      byStation.remove(station.stationId());
    }
    if (station.isTakenOver() || !station.isAccepted()) {
      return;
    }
    LOG.info("station disconnected [station: {}, remote: {}, clean: {}]", station.stationId(),
        link.remote(), station.isCleanDisconnect());
    MqttWill will = link.endpoint().will();
    StationStatus lastWill = null;
    if (!station.isCleanDisconnect() && will != null && will.isWillFlag()) {
      lastWill = fireWill(station, will);
    }
    announceOffline(station, lastWill);
    touch(station.stationId());
  }

  /** Handles the last will of a station that vanished; returns it when it is an offline status. */
  private StationStatus fireWill(StationLink station, MqttWill will) {
    Channel channel = TopicRules.stationMayPublish(station.identity().orgSlug(),
        station.stationId(), will.getWillTopic()).orElseThrow();
    Buffer payload = will.getWillMessage() == null ? Buffer.buffer() : will.getWillMessage();
    if (channel != Channel.STATUS) {
      receive(station, channel, payload);
      return null;
    }
    try {
      StationStatus status = Payloads.status(payload, Instant.now());
      return status.state() == StationStatus.State.OFFLINE ? status : null;
    } catch (ProtocolException e) {
      metrics.refused(Refusal.MALFORMED);
      LOG.debug("last will refused [station: {}, reason: {}]", station.stationId(),
          e.getMessage());
      return null;
    }
  }

  private Future<Void> announceOffline(StationLink station, StationStatus lastWill) {
    if (station.announcedOffline()) {
      return Future.succeededFuture();
    }
    station.announce(StationStatus.State.OFFLINE, null);
    StationStatus offline = lastWill != null ? lastWill
        : new StationStatus(StationStatus.State.OFFLINE, Instant.now(), null);
    return publishIfCurrent(station, statusBody(station, offline));
  }

  private void publishStatus(JsonObject status) {
    bus.publish(Addresses.STATION_STATUS, status);
    live.status(status);
  }

  /** Publishes a status unless a newer connection of the station has taken over meanwhile. */
  private Future<Void> publishIfCurrent(StationLink station, JsonObject status) {
    return board.putIfCurrent(status, station.link().id())
        .onSuccess(current -> {
          if (current) {
            publishStatus(status);
          }
        })
        .onFailure(e -> LOG.warn("station status not recorded [station: {}]",
            station.stationId(), e))
        .mapEmpty();
  }

  private void touch(String stationId) {
    lastSeen.touch(stationId)
        .onFailure(e -> LOG.warn("last seen time not written [station: {}]", stationId, e));
  }

  private static JsonObject statusBody(StationLink station, StationStatus status) {
    JsonObject body = station.identity().body()
        .put("state", status.state().name().toLowerCase(Locale.ROOT))
        .put("t", status.time().toEpochMilli());
    return status.agent() == null ? body : body.put("agent", status.agent());
  }
}
