/**
 * Rotator path planning: turns the track of one pass (satellite azimuth and elevation against
 * time, as the orbit trackers produce it) into time-tagged commands for an azimuth/elevation
 * rotator, within its mechanical travel and slew rates, and says where and why the antenna cannot
 * stay on the satellite. Pure Java: no Vert.x, no Orekit.
 *
 * <p>Angles are in degrees, rates in degrees per second. Satellite azimuths are compass azimuths
 * (clockwise from north); commanded azimuths are in the rotator's own coordinates, which may run
 * below 0° or past 360° within its travel, and commanded elevations may exceed 90° on a rotator
 * that can flip.
 */
package talos.core.orbit.rotator;
