package talos.core.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.shareddata.Shareable;
import talos.protocol.Channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * The gateway's meters: open connections by kind ({@code talos_mqtt_connections}), messages in and
 * out by channel ({@code talos_mqtt_messages_in_total}, {@code talos_mqtt_messages_out_total}),
 * refused messages and connections by reason ({@code talos_mqtt_refused_total}), failed sign-ins
 * ({@code talos_mqtt_auth_failures_total}) and commands of an older epoch dropped by channel
 * ({@code talos_gateway_stale_dropped_total}).
 */
final class GatewayMetrics {

  /** Why the gateway refused a message, a subscription or a connection. */
  enum Refusal {
    FORBIDDEN_PUBLISH, FORBIDDEN_SUBSCRIBE, MALFORMED, OVERSIZED, RATE, KEEP_ALIVE, CLIENT_ID,
    FORBIDDEN_WILL;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The open connections of every gateway instance of one node: each instance adds its own counts
   * when it starts and removes them when it stops, and the connection gauges sum them.
   */
  static final class Connections implements Shareable {

    private final List<IntSupplier> stations = new CopyOnWriteArrayList<>();
    private final List<IntSupplier> operators = new CopyOnWriteArrayList<>();

    void add(IntSupplier stationCount, IntSupplier operatorCount) {
      stations.add(stationCount);
      operators.add(operatorCount);
    }

    void remove(IntSupplier stationCount, IntSupplier operatorCount) {
      stations.remove(stationCount);
      operators.remove(operatorCount);
    }

    /** Whether no gateway instance of the node is running. */
    boolean isEmpty() {
      return stations.isEmpty();
    }

    private static double sum(List<IntSupplier> counts) {
      return counts.stream().mapToInt(IntSupplier::getAsInt).sum();
    }
  }

  private final Map<Channel, Counter> in = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> out = new EnumMap<>(Channel.class);
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
  private final Map<Channel, Counter> staleDropped = new EnumMap<>(Channel.class);
  private final Counter badCredentials;
  private final Counter throttled;

  /** Registers the meters, or finds them when another gateway instance of the node did. */
  GatewayMetrics(MeterRegistry registry, Connections connections) {
    Gauge.builder("talos.mqtt.connections", connections, c -> Connections.sum(c.stations))
        .tag("kind", "station").description("open MQTT connections").register(registry);
    Gauge.builder("talos.mqtt.connections", connections, c -> Connections.sum(c.operators))
        .tag("kind", "operator").description("open MQTT connections").register(registry);
    for (Channel channel : Channel.values()) {
      Counter.Builder received = Counter.builder("talos.mqtt.messages.in")
          .description("messages received from MQTT clients").tag("channel", channel.suffix());
      in.put(channel, received.register(registry));
      Counter.Builder sent = Counter.builder("talos.mqtt.messages.out")
          .description("messages written to MQTT clients").tag("channel", channel.suffix());
      out.put(channel, sent.register(registry));
      if (channel.direction() == Channel.Direction.TO_STATION) {
        staleDropped.put(channel, Counter.builder("talos.gateway.stale.dropped")
            .description("commands of an epoch older than one already forwarded, dropped")
            .tag("channel", channel.suffix()).register(registry));
      }
    }
    for (Refusal refusal : Refusal.values()) {
      refused.put(refusal, Counter.builder("talos.mqtt.refused").tag("reason", refusal.tag())
          .description("messages, subscriptions and connections refused").register(registry));
    }
    badCredentials = Counter.builder("talos.mqtt.auth.failures").tag("reason", "credentials")
        .description("failed MQTT sign-ins").register(registry);
    throttled = Counter.builder("talos.mqtt.auth.failures").tag("reason", "throttled")
        .description("failed MQTT sign-ins").register(registry);
  }

  void received(Channel channel) {
    in.get(channel).increment();
  }

  void sent(Channel channel) {
    out.get(channel).increment();
  }

  void staleDropped(Channel channel) {
    staleDropped.get(channel).increment();
  }

  void refused(Refusal reason) {
    refused.get(reason).increment();
  }

  void badCredentials() {
    badCredentials.increment();
  }

  void throttled() {
    throttled.increment();
  }
}
