/**
 * The director: drives stations through their passes. For every station with a track in progress
 * it pre-positions the rotator, starts an acknowledged session on the station's agent, streams
 * time-tagged pointing and Doppler-corrected radio setpoints at a steady rate along the rotator's
 * path, and stops and parks at loss of signal.
 *
 * <p>A station is driven by one node at a time: the node that holds its session answers on the
 * station's director address ({@link talos.core.bus.Addresses#DIRECTOR_STATION_PREFIX}), so any node
 * can report on it or stop it. Every session carries an epoch from a cluster-wide counter; agents
 * ignore setpoints from an older epoch, so a node that lost a station cannot move it.
 *
 * <p>{@link talos.core.director.PassTrack} and {@link talos.core.director.Ticks} are plain classes;
 * {@link talos.core.director.DirectorVerticle} wires them to the bus.
 */
package talos.core.director;
