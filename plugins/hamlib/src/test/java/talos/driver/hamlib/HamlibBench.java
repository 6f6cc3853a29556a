package talos.driver.hamlib;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverOptions;

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
 * A bench to run Hamlib devices on: a device thread like the agent's, options checked the way the
 * agent checks them, and short time limits so that failures show quickly. Closing it closes the
 * devices it opened and ends the thread.
 */
final class HamlibBench implements AutoCloseable {

  static final String DEVICE_THREAD = "hamlib-device";

  final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, DEVICE_THREAD));
  final HamlibProvider provider = new HamlibProvider();
  private final List<AutoCloseable> devices = new ArrayList<>();

  /** The options checked as the agent checks them, with fast timings unless given. */
  DriverContext context(String device, int port, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(Map.of("port", String.valueOf(port),
        "timeout", "1s", "reconnectInitial", "50ms", "reconnectMax", "400ms"));
    all.putAll(options);
    return new DriverContext(device, DriverOptions.of(provider.descriptor(), all), executor,
        Clock.systemUTC());
  }

  /** A rotator talking to the daemon on this port, not opened. */
  HamlibRotator rotator(int port, Map<String, String> options) {
    HamlibRotator rotator = provider.createRotator(context("rotator", port, options));
    devices.add(rotator);
    return rotator;
  }

  /** A radio talking to the daemon on this port, not opened. */
  HamlibRadio radio(int port, Map<String, String> options) {
    HamlibRadio radio = provider.createRadio(context("radio", port, options));
    devices.add(radio);
    return radio;
  }

  /** A rotator talking to the daemon on this port, opened. */
  HamlibRotator openRotator(int port, Map<String, String> options) {
    HamlibRotator rotator = rotator(port, options);
    result(rotator.open());
    return rotator;
  }

  /** A radio talking to the daemon on this port, opened. */
  HamlibRadio openRadio(int port, Map<String, String> options) {
    HamlibRadio radio = radio(port, options);
    result(radio.open());
    return radio;
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
