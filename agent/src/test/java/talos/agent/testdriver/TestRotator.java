package talos.agent.testdriver;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorDriver;
import talos.driver.RotatorOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A rotator that moves towards its target at a fixed rate on both axes, records every command with
 * the thread it ran on, and fails every call with a chosen code while {@link #failWith} is set.
 */
public final class TestRotator implements RotatorDriver {

  /** The position the rotator starts at. */
  public static final Position START = new Position(10, 10);

  /** One command the agent sent. */
  public record Call(String operation, Position target, String thread) {
  }

  private final DriverContext context;
  private final double rate;
  private final RotatorCapabilities capabilities;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile FailureCode failure;
  private Position position = START;
  private Position target;
  private Instant updated;
  private boolean open;

  TestRotator(DriverContext context) {
    this.context = context;
    this.rate = context.options().decimal("rate");
    RotatorCapabilities base = TestDriverProvider.ROTATOR;
    Set<RotatorOperation> operations = operations(context.options().string("operations"));
    this.capabilities = new RotatorCapabilities(
        new Range(base.azimuth().min(), context.options().decimal("azimuthMax")),
        base.elevation(), operations, rate, rate);
    this.updated = context.clock().instant();
  }

  /** Makes every call fail with this code until {@link #recover()}. */
  public void failWith(FailureCode code) {
    failure = code;
  }

  public void recover() {
    failure = null;
  }

  /** Every command so far, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The commands of one operation, such as {@code moveTo}. */
  public List<Call> calls(String operation) {
    return calls.stream().filter(call -> call.operation().equals(operation)).toList();
  }

  /** The position now, as the rotator would report it. */
  public synchronized Position currentPosition() {
    advance();
    return position;
  }

  @Override
  public RotatorCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public DriverHealth health() {
    HealthState state = failure != null || !isOpen() ? HealthState.UNAVAILABLE : HealthState.OK;
    return new DriverHealth(state, failure == null ? null : "failing with " + failure,
        Map.of("commands", (long) calls.size()));
  }

  @Override
  public CompletionStage<Void> open() {
    return run("open", null, () -> {
      synchronized (this) {
        open = true;
      }
      return null;
    });
  }

  @Override
  public CompletionStage<Position> position() {
    return onDevice(() -> {
      fail();
      return currentPosition();
    });
  }

  @Override
  public CompletionStage<Void> moveTo(Position newTarget) {
    return run("moveTo", newTarget, () -> aim(newTarget));
  }

  @Override
  public CompletionStage<Void> stop() {
    return run("stop", null, () -> aim(null));
  }

  @Override
  public CompletionStage<Void> park(Position parkPosition) {
    return run("park", parkPosition, () -> aim(parkPosition));
  }

  @Override
  public void close() {
    calls.add(new Call("close", null, Thread.currentThread().getName()));
    synchronized (this) {
      open = false;
    }
  }

  private synchronized boolean isOpen() {
    return open;
  }

  private synchronized Void aim(Position newTarget) {
    advance();
    target = newTarget;
    return null;
  }

  private <T> CompletionStage<T> run(String operation, Position argument, Supplier<T> action) {
    return onDevice(() -> {
      calls.add(new Call(operation, argument, Thread.currentThread().getName()));
      fail();
      return action.get();
    });
  }

  private <T> CompletionStage<T> onDevice(Supplier<T> action) {
    return CompletableFuture.supplyAsync(action, context.executor());
  }

  private void fail() {
    FailureCode code = failure;
    if (code != null) {
      throw new DriverException(code, "test rotator failing with " + code);
    }
  }

  private void advance() {
    Instant now = context.clock().instant();
    double step = rate * Duration.between(updated, now).toNanos() / 1e9;
    updated = now;
    if (target != null) {
      position = new Position(approach(position.azimuth(), target.azimuth(), step),
          approach(position.elevation(), target.elevation(), step));
    }
  }

  private static double approach(double from, double to, double step) {
    return Math.abs(to - from) <= step ? to : from + Math.signum(to - from) * step;
  }

  private static Set<RotatorOperation> operations(String list) {
    if (list.equals("all")) {
      return EnumSet.allOf(RotatorOperation.class);
    }
    return Arrays.stream(list.split(",")).map(String::trim)
        .map(name -> RotatorOperation.valueOf(name.toUpperCase(Locale.ROOT)))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(RotatorOperation.class)));
  }
}
