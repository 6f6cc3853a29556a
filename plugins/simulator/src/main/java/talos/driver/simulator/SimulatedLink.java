package talos.driver.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The simulated connection to a device, as a serial line behaves: one command at a time, each
 * answered after the reply delay (plus the slow-replies fault) on the device's executor. It counts
 * commands and failures and can drop, by itself after a number of commands or when told to;
 * a dropped link fails every command with {@link FailureCode#IO} until it is opened again.
 */
final class SimulatedLink {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedLink.class);

  private enum State {
    NEW, OPEN, DROPPED, CLOSED
  }

  private final String device;
  private final ScheduledExecutorService executor;
  private final Duration replyDelay;
  private final long disconnectAfter;
  private final Set<CompletableFuture<?>> pending = new HashSet<>();
  private Duration slowReplies;
  private State state = State.NEW;
  private String dropReason;
  private long commands;
  private long failures;
  private long reconnects;
  private long commandsSinceOpen;
  private CompletableFuture<Void> line = CompletableFuture.completedFuture(null);

  SimulatedLink(String device, ScheduledExecutorService executor, SimulatorSettings settings) {
    this.device = device;
    this.executor = executor;
    this.replyDelay = settings.replyDelay();
    this.disconnectAfter = settings.disconnectAfter();
    this.slowReplies = settings.slowReplies();
  }

  /**
   * Connects, or reconnects a dropped link.
   *
   * @return a stage that completes after the reply delay, or fails with {@link FailureCode#IO}
   *     once the link is closed
   */
  CompletionStage<Void> open() {
    return enqueue(() -> {
      synchronized (this) {
        switch (state) {
          case CLOSED -> throw closed();
          case DROPPED -> {
            reconnects++;
            LOG.info("simulated link reconnected [device: {}, reconnects: {}]", device, reconnects);
          }
          case NEW -> LOG.info("simulated link open [device: {}]", device);
          case OPEN -> {
            return null;
          }
        }
        state = State.OPEN;
        dropReason = null;
        commandsSinceOpen = 0;
        return null;
      }
    });
  }

  /**
   * Sends a command: after the reply delay the device carries it out, unless the link is down.
   *
   * @param action what the device does; it may throw a {@link DriverException}
   * @return a stage completed on the executor with the action's result, or failed with the action's
   *     {@link DriverException} or with {@link FailureCode#IO} when the link is not open
   */
  <T> CompletionStage<T> send(Supplier<T> action) {
    return enqueue(() -> {
      synchronized (this) {
        commands++;
        if (state != State.OPEN) {
          failures++;
          throw notOpen();
        }
        if (disconnectAfter > 0 && commandsSinceOpen >= disconnectAfter) {
          failures++;
          drop("dropped after " + disconnectAfter + " commands");
          throw notOpen();
        }
        commandsSinceOpen++;
      }
      try {
        return action.get();
      } catch (DriverException e) {
        synchronized (this) {
          failures++;
        }
        throw e;
      }
    });
  }

  /** Whether the link is open: opened and neither dropped nor closed since. */
  synchronized boolean isOpen() {
    return state == State.OPEN;
  }

  /** Drops the link now, as a pulled cable would. */
  synchronized void drop(String reason) {
    if (state == State.OPEN) {
      state = State.DROPPED;
      dropReason = reason;
      LOG.warn("simulated link down [device: {}, reason: {}]", device, reason);
    }
  }

  /** Adds a delay to every reply from now on; zero takes the fault away. */
  synchronized void slowReplies(Duration extra) {
    slowReplies = extra;
  }

  /** Closes the link for good and fails the commands still waiting for their reply. */
  void close() {
    Set<CompletableFuture<?>> waiting;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      waiting = Set.copyOf(pending);
      pending.clear();
    }
    waiting.forEach(reply -> reply.completeExceptionally(closed()));
    LOG.info("simulated link closed [device: {}]", device);
  }

  /** The link's health with the device's own detail when the link is open. */
  synchronized DriverHealth health(String openDetail) {
    Map<String, Long> counters = Map.of("commands", commands, "failures", failures,
        "reconnects", reconnects);
    return switch (state) {
      case NEW -> new DriverHealth(HealthState.UNAVAILABLE, "not opened yet", counters);
      case OPEN -> new DriverHealth(HealthState.OK, openDetail, counters);
      case DROPPED -> new DriverHealth(HealthState.UNAVAILABLE, dropReason, counters);
      case CLOSED -> new DriverHealth(HealthState.DISABLED, "closed", counters);
    };
  }

  private synchronized <T> CompletionStage<T> enqueue(Supplier<T> task) {
    CompletableFuture<T> reply = new CompletableFuture<>();
    if (state == State.CLOSED) {
      reply.completeExceptionally(closed());
      return reply;
    }
    pending.add(reply);
    line = line.thenCompose(ignored -> answer(task, reply));
    return reply;
  }

  private <T> CompletableFuture<Void> answer(Supplier<T> task, CompletableFuture<T> reply) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable carryOut = () -> {
      try {
        T result = task.get();
        forget(reply);
        reply.complete(result);
      } catch (RuntimeException e) {
        forget(reply);
        reply.completeExceptionally(e);
      } finally {
        done.complete(null);
      }
    };
    try {
      executor.schedule(carryOut, latency().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      forget(reply);
      reply.completeExceptionally(closed());
      done.complete(null);
    }
    return done;
  }

  private synchronized Duration latency() {
    return replyDelay.plus(slowReplies);
  }

  private synchronized void forget(CompletableFuture<?> reply) {
    pending.remove(reply);
  }

  private DriverException notOpen() {
    return switch (state) {
      case NEW -> new DriverException(FailureCode.IO, "simulated link to " + device
          + " is not open yet");
      case CLOSED -> closed();
      default -> new DriverException(FailureCode.IO, "simulated link to " + device + " is down ("
          + dropReason + "); open it again");
    };
  }

  private DriverException closed() {
    return new DriverException(FailureCode.IO, "simulated link to " + device + " is closed");
  }
}
