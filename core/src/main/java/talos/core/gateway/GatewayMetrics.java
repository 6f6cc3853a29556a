package talos.core.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import talos.protocol.Channel;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's meters: open connections by kind ({@code talos_mqtt_connections}), messages in and
 * out by channel ({@code talos_mqtt_messages_in_total}, {@code talos_mqtt_messages_out_total}),
 * refused messages and connections by reason ({@code talos_mqtt_refused_total}) and failed sign-ins
 * ({@code talos_mqtt_auth_failures_total}).
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

  private final Map<Channel, Counter> in = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> out = new EnumMap<>(Channel.class);
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
  private final Counter badCredentials;
  private final Counter throttled;

  GatewayMetrics(MeterRegistry registry, Supplier<Number> stations, Supplier<Number> operators) {
    Gauge.builder("talos.mqtt.connections", stations).tag("kind", "station")
        .description("open MQTT connections").register(registry);
    Gauge.builder("talos.mqtt.connections", operators).tag("kind", "operator")
        .description("open MQTT connections").register(registry);
    for (Channel channel : Channel.values()) {
      Counter.Builder received = Counter.builder("talos.mqtt.messages.in")
          .description("messages received from MQTT clients").tag("channel", channel.suffix());
      in.put(channel, received.register(registry));
      Counter.Builder sent = Counter.builder("talos.mqtt.messages.out")
          .description("messages written to MQTT clients").tag("channel", channel.suffix());
      out.put(channel, sent.register(registry));
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
