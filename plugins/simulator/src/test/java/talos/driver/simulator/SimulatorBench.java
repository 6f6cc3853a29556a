package talos.driver.simulator;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverOptions;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A bench to run simulated devices on: a test clock, a device thread like the agent's, and options
 * checked the way the agent checks them.
 */
final class SimulatorBench implements AutoCloseable {

  static final String DEVICE_THREAD = "simulator-device";

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-20T12:00:00Z"));
  final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, DEVICE_THREAD));
  final SimulatorProvider provider = new SimulatorProvider();

  DriverContext context(String device, Map<String, String> options) {
    return new DriverContext(device, DriverOptions.of(provider.descriptor(), options), executor,
        clock);
  }

  /** A rotator with these options, opened. */
  SimulatedRotator openRotator(Map<String, String> options) {
    SimulatedRotator rotator = provider.createRotator(context("rotator", options));
    result(rotator.open());
    return rotator;
  }

  /** A radio with these options, opened. */
  SimulatedRadio openRadio(Map<String, String> options) {
    SimulatedRadio radio = provider.createRadio(context("radio", options));
    result(radio.open());
    return radio;
  }

  /** The value a stage completes with within five seconds. */
  static <T> T result(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("stage failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("stage did not complete: " + e, e);
    }
  }

  /** The driver failure a stage completes with within five seconds. */
  static DriverException failure(CompletionStage<?> stage) {
    Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(DriverException.class);
    return (DriverException) thrown.getCause();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
