package talos.driver.serial;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverOptions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A bench to run serial rotators on: a device thread like the agent's, options checked the way
 * the agent checks them, and short time limits so that failures show quickly. Closing it closes
 * the rotators it made and ends the thread.
 */
final class SerialBench implements AutoCloseable {

  final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "serial-device"));
  final SerialProvider provider = new SerialProvider();
  private final List<AutoCloseable> devices = new ArrayList<>();

  /** The options checked as the agent checks them, with fast timings unless given. */
  DriverContext context(Protocol protocol, Path port, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(Map.of("protocol", protocol.id(),
        "port", port.toString(), "timeout", "500ms", "writeGap", "0ms", "pollInterval", "0ms",
        "reconnectInitial", "50ms", "reconnectMax", "200ms", "azimuthMax", "450",
        "elevationMax", "180"));
    all.putAll(options);
    return new DriverContext("rotator", DriverOptions.of(provider.descriptor(), all), executor,
        Clock.systemUTC());
  }

  /** A rotator on this port, not opened. */
  SerialRotator rotator(Protocol protocol, Path port, Map<String, String> options) {
    SerialRotator rotator = provider.createRotator(context(protocol, port, options));
    devices.add(rotator);
    return rotator;
  }

  /** A rotator on this port, opened. */
  SerialRotator openRotator(Protocol protocol, Path port, Map<String, String> options) {
    SerialRotator rotator = rotator(protocol, port, options);
    result(rotator.open());
    return rotator;
  }

  /** The value a stage completes with within ten seconds. */
  static <T> T result(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("stage failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("stage did not complete: " + e, e);
    }
  }

  /** The driver failure a stage completes with within ten seconds. */
  static DriverException failure(CompletionStage<?> stage) {
    Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(DriverException.class);
    return (DriverException) thrown.getCause();
  }

  @Override
  public void close() {
    for (AutoCloseable device : devices) {
      try {
        device.close();
      } catch (Exception e) {
        throw new AssertionError("closing a device failed", e);
      }
    }
    executor.shutdownNow();
  }
}
