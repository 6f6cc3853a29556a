package talos.core.gateway;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;

import java.util.Collections;
import java.util.List;

/**
 * The acknowledgements the gateway sends, in the form each protocol version knows: MQTT 5 reason
 * codes and reason strings, or MQTT 3.1.1's plain packets and its single failure code 0x80.
 */
final class Acknowledgements {

  private Acknowledgements() {
  }

  /**
   * Acknowledges a received PUBLISH of QoS 1 or 2. A refused payload gets reason 0x99 (payload
   * format invalid) under MQTT 5; MQTT 3.1.1 has no way to say so, so the message is acknowledged
   * and dropped.
   */
  static void publish(Link link, MqttPublishMessage message, boolean valid) {
    MqttEndpoint endpoint = link.endpoint();
    switch (message.qosLevel()) {
      case AT_LEAST_ONCE -> {
        if (link.mqtt5()) {
          endpoint.publishAcknowledge(message.messageId(), valid ? MqttPubAckReasonCode.SUCCESS
              : MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID, MqttProperties.NO_PROPERTIES);
        } else {
          endpoint.publishAcknowledge(message.messageId());
        }
      }
      case EXACTLY_ONCE -> {
        if (link.mqtt5()) {
          endpoint.publishReceived(message.messageId(), valid ? MqttPubRecReasonCode.SUCCESS
              : MqttPubRecReasonCode.PAYLOAD_FORMAT_INVALID, MqttProperties.NO_PROPERTIES);
        } else {
          endpoint.publishReceived(message.messageId());
        }
      }
      default -> {
      }
    }
  }

  /** The SUBACK code of a refused subscription: 0x87 not authorized, or 0x80 before MQTT 5. */
  static MqttSubAckReasonCode notAuthorized(Link link) {
    return link.mqtt5() ? MqttSubAckReasonCode.NOT_AUTHORIZED
        : MqttSubAckReasonCode.UNSPECIFIED_ERROR;
  }

  /** SUBACK properties: under MQTT 5, the rule as reason string when a filter was refused. */
  static MqttProperties rule(Link link, List<MqttSubAckReasonCode> codes, String rule) {
    if (!link.mqtt5() || codes.stream().noneMatch(code -> (code.value() & 0xff) >= 0x80)) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties properties = new MqttProperties();
    properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, rule));
    return properties;
  }

  /** Acknowledges an UNSUBSCRIBE, with one reason code per filter under MQTT 5. */
  static void unsubscribe(Link link, MqttUnsubscribeMessage message, MqttUnsubAckReasonCode code) {
    if (link.mqtt5()) {
      link.endpoint().unsubscribeAcknowledge(message.messageId(),
          Collections.nCopies(message.topics().size(), code), MqttProperties.NO_PROPERTIES);
    } else {
      link.endpoint().unsubscribeAcknowledge(message.messageId());
    }
  }
}
