/**
 * The {@code simulator} driver plugin: a rotator and a radio that exist only in memory.
 *
 * <p>The rotator turns each axis at its configured rate, reads time from the device's clock rather
 * than ticking, and quantises positions to its resolution, so tracking error and slew behaviour
 * mean what they would on hardware. Both devices answer each command on the device's executor
 * after a reply delay, one at a time, and can be given faults: stalled motors, slow replies and a
 * link that drops. It is also the worked example in {@code docs/plugins.md}.
 */
package talos.driver.simulator;
