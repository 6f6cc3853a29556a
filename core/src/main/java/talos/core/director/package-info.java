/**
 * The director: drives stations through their passes, planned by the scheduler or asked for by an
 * operator. For every station it owns it records the observation, pre-positions the rotator,
 * starts an acknowledged session on the station's agent, streams time-tagged pointing and
 * Doppler-corrected radio setpoints at a steady rate along the rotator's path, parks at loss of
 * signal, and records the outcome and the tracking error measured from telemetry.
 *
 * <p>Each station is driven by one node, chosen by {@link talos.core.cluster.StationOwnership};
 * when that node leaves, the next owner takes the session over. Every session carries an epoch
 * from a cluster-wide counter; agents ignore setpoints from an older epoch, so a node that lost a
 * station cannot move it.
 *
 * <p>{@link talos.core.director.Director} holds the logic and takes its time from a clock;
 * {@link talos.core.director.DirectorVerticle} wires it to timers and the bus.
 */
package talos.core.director;
