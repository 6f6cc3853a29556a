package talos.agent.testdriver;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.FrameSource;
import talos.driver.FrameSubscription;
import talos.driver.HealthState;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.ReceivedFrame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A radio that records every setting, fails every call while {@link #failWith} is set, and hands
 * the frames a test gives {@link #receive} to its subscribers on the device's thread.
 */
public final class TestRadio implements RadioDriver, FrameSource {

  /** One setting the agent made: {@code frequency}, {@code uplink} or {@code mode}. */
  public record Call(String operation, String value) {
  }

  private final DriverContext context;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Consumer<ReceivedFrame>> subscribers = new CopyOnWriteArrayList<>();
  private volatile FailureCode failure;
  private volatile long frequency = 145_000_000;
  private volatile String mode = "FM";

  TestRadio(DriverContext context) {
    this.context = context;
  }

  public void failWith(FailureCode code) {
    failure = code;
  }

  public List<Call> calls(String operation) {
    return calls.stream().filter(call -> call.operation().equals(operation)).toList();
  }

  /**
   * Hands these frames to every subscriber, in order, in one task on the device's thread.
   *
   * @return a future that completes once every frame was handed over
   */
  public CompletableFuture<Void> receive(List<ReceivedFrame> frames) {
    return CompletableFuture.runAsync(() -> frames.forEach(
        frame -> subscribers.forEach(subscriber -> subscriber.accept(frame))), context.executor());
  }

  /** How many subscriptions are open. */
  public int subscribers() {
    return subscribers.size();
  }

  @Override
  public FrameSubscription subscribe(Consumer<ReceivedFrame> consumer) {
    subscribers.add(consumer);
    return new FrameSubscription() {
      @Override
      public boolean isClosed() {
        return !subscribers.contains(consumer);
      }

      @Override
      public void close() {
        subscribers.remove(consumer);
      }
    };
  }

  @Override
  public RadioCapabilities capabilities() {
    return TestDriverProvider.RADIO;
  }

  @Override
  public DriverHealth health() {
    return new DriverHealth(failure == null ? HealthState.OK : HealthState.UNAVAILABLE, null,
        Map.of("commands", (long) calls.size()));
  }

  @Override
  public CompletionStage<Void> open() {
    return onDevice(() -> null);
  }

  @Override
  public CompletionStage<Long> frequency() {
    return onDevice(() -> frequency);
  }

  @Override
  public CompletionStage<Void> setFrequency(long hertz) {
    return onDevice(() -> {
      calls.add(new Call("frequency", String.valueOf(hertz)));
      frequency = hertz;
      return null;
    });
  }

  @Override
  public CompletionStage<Void> setUplinkFrequency(long hertz) {
    return onDevice(() -> {
      calls.add(new Call("uplink", String.valueOf(hertz)));
      return null;
    });
  }

  @Override
  public CompletionStage<String> mode() {
    return onDevice(() -> mode);
  }

  @Override
  public CompletionStage<Void> setMode(String newMode) {
    return onDevice(() -> {
      calls.add(new Call("mode", newMode));
      mode = newMode;
      return null;
    });
  }

  @Override
  public void close() {
    calls.add(new Call("close", null));
  }

  private <T> CompletionStage<T> onDevice(Supplier<T> action) {
    return CompletableFuture.supplyAsync(() -> {
      FailureCode code = failure;
      if (code != null) {
        throw new DriverException(code, "test radio failing with " + code);
      }
      return action.get();
    }, context.executor());
  }
}
