package talos.driver;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the agent gives a driver when it creates a device.
 *
 * @param deviceName the name the station's configuration gives the device, such as {@code rotator};
 *     use it in log messages
 * @param options the checked options
 * @param executor a single named thread for this device: do blocking I/O and timers here, never
 *     on the caller's thread; it is shut down after {@link Device#close()}
 * @param clock the clock to read time from (tests may give a fixed or offset one)
 */
public record DriverContext(String deviceName, DriverOptions options,
                            ScheduledExecutorService executor, Clock clock) {
}
