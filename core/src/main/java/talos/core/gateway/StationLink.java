package talos.core.gateway;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import talos.protocol.Channel;
import talos.protocol.StationStatus;
import talos.protocol.StationTopic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A station's connection: who the station is, what it subscribed to, the latest telemetry and
 * status it sent, and the bus consumers that reach it. Used on the gateway's event loop only.
 */
final class StationLink {

  /** A station as its key check describes it. */
  record Identity(String stationId, String name, String orgId, String orgSlug) {

    static Identity fromJson(JsonObject json) {
      return new Identity(json.getString("stationId"), json.getString("name"),
          json.getString("orgId"), json.getString("orgSlug"));
    }

    /** The fields every {@code talos.station.*} body starts with. */
    JsonObject body() {
      return new JsonObject().put("stationId", stationId).put("orgId", orgId)
          .put("orgSlug", orgSlug);
    }
  }

  private final Link link;
  private final Identity identity;
  private final Map<String, Integer> subscriptions = new LinkedHashMap<>();
  private final Map<Channel, String> topics = new EnumMap<>(Channel.class);
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final EpochFence fence = new EpochFence();
  private Instant lastMessageAt;
  private JsonObject telemetry;
  private JsonObject status;
  private StationStatus.State announced;
  private String announcedAgent;
  private boolean accepted;
  private boolean takenOver;
  private boolean cleanDisconnect;
  private boolean ended;

  StationLink(Link link, Identity identity) {
    this.link = link;
    this.identity = identity;
    for (Channel channel : Channel.values()) {
      topics.put(channel,
          new StationTopic(identity.orgSlug(), identity.stationId(), channel).name());
    }
  }

  Link link() {
    return link;
  }

  Identity identity() {
    return identity;
  }

  String stationId() {
    return identity.stationId();
  }

  /** The topic of one of this station's channels. */
  String topic(Channel channel) {
    return topics.get(channel);
  }

  void subscribe(String filter, int qos) {
    subscriptions.put(filter, qos);
  }

  void unsubscribe(String filter) {
    subscriptions.remove(filter);
  }

  /** The highest QoS granted to a subscription matching {@code topic}, or -1 when none matches. */
  int grantedQos(String topic) {
    int granted = -1;
    for (Map.Entry<String, Integer> subscription : subscriptions.entrySet()) {
      if (subscription.getValue() > granted && TopicRules.matches(subscription.getKey(), topic)) {
        granted = subscription.getValue();
      }
    }
    return granted;
  }

  /** The highest epoch forwarded to this connection, which older commands may not pass. */
  EpochFence fence() {
    return fence;
  }

  void addConsumer(MessageConsumer<JsonObject> consumer) {
    consumers.add(consumer);
  }

  /** Completes once every consumer of this station is registered, on the cluster too. */
  Future<Void> consumersReady() {
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  Future<Void> unregister() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  void received(Instant at) {
    lastMessageAt = at;
  }

  void telemetry(JsonObject latest) {
    telemetry = latest;
  }

  void status(JsonObject latest) {
    status = latest;
  }

  /**
   * Records that {@code state} from {@code agent} was announced for this station.
   *
   * @return whether it differs from what was announced before
   */
  boolean announce(StationStatus.State state, String agent) {
    boolean changed = state != announced || (agent != null && !agent.equals(announcedAgent));
    announced = state;
    if (agent != null) {
      announcedAgent = agent;
    }
    return changed;
  }

  boolean announcedOffline() {
    return announced == StationStatus.State.OFFLINE;
  }

  void accepted() {
    accepted = true;
  }

  boolean isAccepted() {
    return accepted;
  }

  void takenOver() {
    takenOver = true;
  }

  boolean isTakenOver() {
    return takenOver;
  }

  void cleanDisconnect() {
    cleanDisconnect = true;
  }

  boolean isCleanDisconnect() {
    return cleanDisconnect;
  }

  /** Marks the link ended; {@code false} when it already was, so its end is handled once. */
  boolean end() {
    if (ended) {
      return false;
    }
    ended = true;
    return true;
  }

  /** The reply of {@code talos.gateway.state.{id}}. */
  JsonObject state(String nodeId) {
    return new JsonObject()
        .put("connected", true)
        .put("node", nodeId)
        .put("since", link.since().toString())
        .put("protocolVersion", link.protocolVersion())
        .put("remote", link.remote())
        .put("lastMessageAt", lastMessageAt == null ? null : lastMessageAt.toString())
        .put("telemetry", telemetry)
        .put("status", status);
  }
}
