/**
 * The station agent: runs at a ground station, connects to the core's MQTT gateway and drives the
 * station's rotator and radio through driver plugins.
 *
 * <p>{@link talos.agent.StationAgent} is the entry point for code ({@link talos.agent.Main} for the
 * command line): it takes an {@link talos.agent.AgentConfig} and a
 * {@link talos.agent.DriverRegistry}. The agent's state lives on one Vert.x context; every driver
 * call runs on the device's own thread ({@code talos-driver-<device>}) and comes back to that
 * context. Every call to a driver goes through a guard that checks it against the station's local
 * limits and the device's capabilities first; nothing received over MQTT can change the limits or
 * the device addresses.
 *
 * <p>Angles are degrees in the rotator's own coordinates (azimuth up to 450° for overlap
 * rotators); frequencies are hertz; times come from the agent's clock, which should be
 * synchronised (NTP): setpoints older than {@code safety.staleAfter} are never executed.
 */
package talos.agent;
