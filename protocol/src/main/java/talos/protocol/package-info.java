/**
 * The station protocol: MQTT topics and the JSON messages that the core and station agents exchange.
 *
 * <p>Every message is a JSON object with a protocol version {@code "v"}; times are UTC instants in
 * milliseconds since the epoch ({@code "t"}); angles are degrees; frequencies are hertz. A message
 * that breaks a rule is refused with a {@link talos.protocol.ProtocolException} that names the field,
 * the value and what is allowed. {@code docs/protocol.md} is the specification for other
 * implementations.
 */
package talos.protocol;
