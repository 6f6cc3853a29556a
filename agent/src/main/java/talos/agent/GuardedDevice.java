package talos.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.Device;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;
import talos.protocol.StationEvent;
import talos.protocol.StationEvent.Severity;
import talos.protocol.Telemetry.DriverReport;
import talos.protocol.Telemetry.Health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The agent's side of one device: the only way to its driver. It opens the device in the
 * background and again, with backoff, after a retryable failure; it refuses calls while the device
 * is not open; it runs every driver call on the device's own thread with a time limit and completes
 * the returned futures on the agent's context. Subclasses check limits and capabilities before
 * calling. Every method is called on the agent's context.
 *
 * @param <D> the driver interface
 */
abstract class GuardedDevice<D extends Device> {

  /** How long a driver may take to answer one call. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  /** The shortest time between two {@code limit} events of one device. */
  static final Duration LIMIT_EVENT_INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(GuardedDevice.class);

  private enum State {
    OPENING, OPEN, RETRYING, FAILED, CLOSED
  }

  private final String name;
  protected final D driver;
  private final String driverName;
  private final ScheduledExecutorService executor;
  private final Vertx vertx;
  private final Context context;
  private final EventSink events;
  private final Clock clock;
  private final Backoff backoff;
  private State state = State.CLOSED;
  private String problem = "not opened yet";
  private long refused;
  private Instant lastLimitEvent;
  private long retryTimer = -1;

  GuardedDevice(DeviceParts parts, D driver) {
    this.name = parts.name();
    this.driverName = parts.driverName();
    this.driver = driver;
    this.executor = parts.executor();
    this.vertx = parts.vertx();
    this.context = parts.context();
    this.events = parts.events();
    this.clock = parts.clock();
    this.backoff = parts.backoff();
  }

  /** Starts opening the device; failures are retried in the background when retryable. */
  void open() {
    state = State.OPENING;
    attemptOpen();
  }

  /** Whether the device is open and its last call did not fail retryably. */
  boolean isAvailable() {
    return state == State.OPEN;
  }

  /** Why the device is not available, for messages; {@code null} when it is. */
  String problem() {
    return isAvailable() ? null : problem;
  }

  /** The device's name in the station's configuration, such as {@code rotator}. */
  String name() {
    return name;
  }

  /** The name of the driver that runs the device, such as {@code hamlib}. */
  String driverName() {
    return driverName;
  }

  /** The device's health for telemetry, with the agent's count of refused calls. */
  DriverReport report() {
    DriverHealth health;
    try {
      health = driver.health();
    } catch (RuntimeException e) {
      health = new DriverHealth(HealthState.FAILED, "health() failed: " + e, Map.of());
    }
    Map<String, Long> counters = new HashMap<>(health.counters());
    counters.put("refused", refused);
    counters.putAll(agentCounters());
    if (state == State.FAILED || state == State.RETRYING) {
      Health reported = state == State.FAILED ? Health.FAILED : Health.UNAVAILABLE;
      return new DriverReport(name, driverName, reported, problem, counters);
    }
    return new DriverReport(name, driverName, Health.valueOf(health.state().name()),
        health.detail(), counters);
  }

  /** Counters the agent keeps for the device, added to the driver's in {@link #report()}. */
  protected Map<String, Long> agentCounters() {
    return Map.of();
  }

  /** Called on the agent's context each time the device opens, after a retry too. */
  protected void opened() {
  }

  /** Closes the driver on its thread, then ends the thread; never fails. */
  Future<Void> close() {
    state = State.CLOSED;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    CompletableFuture<Void> closed = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          driver.close();
        } catch (RuntimeException e) {
          LOG.warn("device close failed [device: {}, reason: {}]", name, e.toString());
        }
        closed.complete(null);
      });
    } catch (RejectedExecutionException e) {
      closed.complete(null);
    }
    return Future.fromCompletionStage(closed.orTimeout(CALL_TIMEOUT.toMillis(),
            TimeUnit.MILLISECONDS), context)
        .otherwiseEmpty()
        .onComplete(done -> executor.shutdownNow())
        .mapEmpty();
  }

  /**
   * Runs one driver call on the device's thread.
   *
   * @return a future completed on the agent's context: it fails with a {@link DriverException}, of
   *     {@link FailureCode#IO} while the device is not open, {@link FailureCode#TIMEOUT} when the
   *     driver did not answer within {@link #CALL_TIMEOUT}, or the driver's own failure
   */
  protected <T> Future<T> call(Supplier<CompletionStage<T>> action) {
    if (state != State.OPEN) {
      return Future.failedFuture(new DriverException(FailureCode.IO,
          name + " is not available: " + problem));
    }
    return onDevice(action).recover(failure -> {
      DriverException cause = (DriverException) failure;
      if (cause.code().retryable() && state == State.OPEN) {
        state = State.RETRYING;
        problem = cause.getMessage();
        LOG.warn("device failed, reopening [device: {}, driver: {}, reason: {}]", name, driverName,
            cause.toString());
        emit(Severity.WARNING, "driver", name + " failed (" + cause + "); reopening it");
        retryTimer = vertx.setTimer(backoff.next().toMillis(), id -> attemptOpen());
      }
      return Future.failedFuture(cause);
    });
  }

  /** Refuses a call that breaks a local limit, with a {@code limit} event; no driver call. */
  protected <T> Future<T> refuseLimit(String message) {
    refused++;
    Instant now = clock.instant();
    if (lastLimitEvent == null
        || Duration.between(lastLimitEvent, now).compareTo(LIMIT_EVENT_INTERVAL) >= 0) {
      lastLimitEvent = now;
      LOG.warn("command refused [device: {}, reason: {}]", name, message);
      emit(Severity.WARNING, "limit", message);
    }
    return Future.failedFuture(new DriverException(FailureCode.INVALID_ARGUMENT, message));
  }

  /** Refuses an operation the device does not offer, never calling the driver. */
  protected <T> Future<T> refuseUnsupported(String operation) {
    refused++;
    return Future.failedFuture(new DriverException(FailureCode.NOT_AVAILABLE,
        name + " (" + driverName + ") cannot " + operation));
  }

  private void attemptOpen() {
    retryTimer = -1;
    if (state == State.CLOSED) {
      return;
    }
    onDevice(driver::open).onComplete(opened -> {
      if (state == State.CLOSED) {
        return;
      }
      if (opened.succeeded()) {
        boolean reopened = backoff.attempts() > 0;
        state = State.OPEN;
        problem = null;
        backoff.reset();
        LOG.info("device open [device: {}, driver: {}]", name, driverName);
        if (reopened) {
          emit(Severity.INFO, "driver", name + " is available again");
        }
        opened();
        return;
      }
      DriverException cause = (DriverException) opened.cause();
      problem = cause.getMessage();
      if (cause.code().retryable()) {
        boolean first = state != State.RETRYING;
        state = State.RETRYING;
        Duration delay = backoff.next();
        LOG.warn("device unavailable, retrying [device: {}, driver: {}, in: {} ms, reason: {}]",
            name, driverName, delay.toMillis(), cause.toString());
        if (first) {
          emit(Severity.WARNING, "driver", name + " unavailable (" + cause + "); retrying");
        }
        retryTimer = vertx.setTimer(delay.toMillis(), id -> attemptOpen());
      } else {
        state = State.FAILED;
        LOG.error("device failed for good [device: {}, driver: {}, reason: {}]", name, driverName,
            cause.toString());
        emit(Severity.ERROR, "driver", name + " failed (" + cause + "); fix the configuration"
            + " and restart the agent");
      }
    });
  }

  private <T> Future<T> onDevice(Supplier<CompletionStage<T>> action) {
    CompletableFuture<T> result;
    try {
      result = CompletableFuture.supplyAsync(action, executor)
          .thenCompose(stage -> stage)
          .orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new DriverException(FailureCode.IO, name + " is closed"));
    }
    return Future.fromCompletionStage(result, context)
        .recover(failure -> Future.failedFuture(driverFailure(failure)));
  }

  private DriverException driverFailure(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof DriverException driverException) {
      return driverException;
    }
    if (cause instanceof TimeoutException) {
      return new DriverException(FailureCode.TIMEOUT,
          name + " did not answer within " + CALL_TIMEOUT.toSeconds() + " s");
    }
    return new DriverException(FailureCode.IO, name + " driver failed: " + cause, cause);
  }

  private void emit(Severity severity, String type, String message) {
    events.emit(new StationEvent(clock.instant(), type, severity, message, null, null));
  }
}
