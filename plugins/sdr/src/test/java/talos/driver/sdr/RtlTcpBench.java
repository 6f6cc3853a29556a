package talos.driver.sdr;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverOptions;
import talos.driver.IqBlock;
import talos.driver.IqSubscription;

import java.time.Clock;
import java.time.Duration;
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
 * A bench to run rtl_tcp radios on: a device thread like the agent's, options checked the way
 * the agent checks them, a low sample rate and short time limits. Closing it closes the radios
 * it made and ends the thread.
 */
final class RtlTcpBench implements AutoCloseable {

  final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "sdr-device"));
  final RtlTcpProvider provider = new RtlTcpProvider();
  private final List<AutoCloseable> devices = new ArrayList<>();

  /** The options checked as the agent checks them, with fast timings unless given. */
  DriverContext context(int port, Map<String, String> options) {
    Map<String, String> all = new HashMap<>(Map.of("port", String.valueOf(port),
        "timeout", "1s", "sampleRate", "250000", "blockSamples", "1024",
        "reconnectInitial", "50ms", "reconnectMax", "200ms"));
    all.putAll(options);
    return new DriverContext("radio", DriverOptions.of(provider.descriptor(), all), executor,
        Clock.systemUTC());
  }

  /** A radio talking to the server on this port, not opened. */
  RtlTcpRadio radio(int port, Map<String, String> options) {
    RtlTcpRadio radio = provider.createRadio(context(port, options));
    devices.add(radio);
    return radio;
  }

  /** A radio talking to the server on this port, opened. */
  RtlTcpRadio openRadio(int port, Map<String, String> options) {
    RtlTcpRadio radio = radio(port, options);
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

  /** The next block of a subscription within five seconds; fails when none comes. */
  static IqBlock next(IqSubscription subscription) {
    try {
      IqBlock block = subscription.poll(Duration.ofSeconds(5));
      assertThat(block).as("a block within 5 s").isNotNull();
      return block;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * The frequency of the strongest tone in a block, in hertz from its center: the mean phase
   * step between consecutive samples, which for one complex tone is its frequency.
   */
  static double tone(IqBlock block) {
    double re = 0;
    double im = 0;
    for (int n = 1; n < block.sampleCount(); n++) {
      // z[n] * conj(z[n-1])
      double a = block.i(n);
      double b = block.q(n);
      double c = block.i(n - 1);
      double d = -block.q(n - 1);
      re += a * c - b * d;
      im += a * d + b * c;
    }
    return Math.atan2(im, re) * block.sampleRate() / (2 * Math.PI);
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
