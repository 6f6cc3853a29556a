/**
 * The MQTT gateway: the core's side of the station protocol ({@code talos.protocol}).
 *
 * <p>Every connection of a node lives on the event loop of the node's one {@link
 * talos.core.gateway.GatewayVerticle}, so the classes here keep plain, unsynchronised state.
 * Credentials and memberships are checked by the auth and tenancy features over the bus; what a
 * connection may do is decided by {@link talos.core.gateway.TopicRules} and payloads are checked by
 * the protocol's records. A station's messages become {@code talos.station.*} bus publications and
 * commands reach it through {@code talos.gateway.station.{id}}, registered by whichever node holds
 * its connection, so nothing assumes a station is connected to the node that wants it.
 */
package talos.core.gateway;
