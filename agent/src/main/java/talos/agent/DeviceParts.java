package talos.agent;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a {@link GuardedDevice} is built from.
 *
 * @param name the device's name in the configuration, such as {@code rotator}
 * @param driverName the driver's name, such as {@code simulator}
 * @param executor the device's own thread
 * @param context the agent's context, where futures complete
 */
record DeviceParts(String name, String driverName, ScheduledExecutorService executor, Vertx vertx,
                   Context context, EventSink events, Clock clock, Backoff backoff) {
}
