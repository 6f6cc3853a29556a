package talos.driver.hamlib;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A device's link to its daemon: the calls, the connection and its recovery.
 *
 * <ul>
 *   <li><b>One call at a time.</b> Calls wait in a queue and run in order; a call starts only when
 *       the one before it has finished, retries included, so a late retry can never overtake a
 *       newer command. All socket I/O runs on the device's executor.</li>
 *   <li><b>Time limits.</b> Connecting and every command must be answered within the
 *       {@code timeout} option.</li>
 *   <li><b>Retries.</b> A call that fails with a retryable code (a timeout, a lost connection, an
 *       answer out of step, or a Hamlib link error such as {@code RPRT -5}) is tried again up to
 *       {@code retries} times, after {@code reconnectInitial}, then twice as long each time up to
 *       {@code reconnectMax}. Other failures ({@code RPRT -1}, {@code RPRT -11}, …) are not.</li>
 *   <li><b>Reconnection.</b> After a timeout, an I/O failure or an answer it cannot read, the
 *       connection is closed, since answers may no longer match commands, and opened again in the
 *       background with the same backoff until it works; health is {@link HealthState#UNAVAILABLE}
 *       with the reason and the time of the next attempt meanwhile. A call made meanwhile connects
 *       at once.</li>
 * </ul>
 */
final class HamlibLink {

  private static final Logger LOG = LoggerFactory.getLogger(HamlibLink.class);

  /** Commands and their answers on an open connection; may throw a {@link DriverException}. */
  @FunctionalInterface
  interface Exchange<T> {
    T run(Connection connection);
  }

  private enum State {
    NEW, UP, DOWN, CLOSED
  }

  /** A call waiting in the queue or running. */
  private record Call<T>(String command, Exchange<T> exchange, CompletableFuture<T> reply) {
  }

  private final String device;
  private final String peer;
  private final HamlibSettings settings;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Consumer<Connection> greeting;
  private final Backoff backoff;
  private final Set<CompletableFuture<?>> pending = new HashSet<>();
  private State state = State.NEW;
  private Connection connection;
  private boolean everConnected;
  private String problem;
  private Instant nextAttempt;
  private ScheduledFuture<?> reconnect;
  private long commands;
  private long failures;
  private long reconnects;
  private long retries;
  private CompletableFuture<Void> line = CompletableFuture.completedFuture(null);

  /**
   * A link, not connected yet.
   *
   * @param peer the daemon, for messages: {@code rotctld at 127.0.0.1:4533}
   * @param greeting what to do on every new connection before it is used, such as reading
   *     {@code dump_state}; a failure closes the connection
   */
  HamlibLink(String device, String peer, HamlibSettings settings,
             ScheduledExecutorService executor, Clock clock, Consumer<Connection> greeting) {
    this.device = device;
    this.peer = peer;
    this.settings = settings;
    this.executor = executor;
    this.clock = clock;
    this.greeting = greeting;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
  }

  /**
   * Connects, unless connected: the stage completes once the daemon accepted the connection and
   * the greeting succeeded, after retries.
   */
  CompletionStage<Void> open() {
    return enqueue("connect", null);
  }

  /**
   * Queues a call.
   *
   * @param command the command, for logs
   * @return a stage completed on the device's executor with the exchange's result, or failed with
   *     a {@link DriverException}: the daemon's error, {@link FailureCode#TIMEOUT},
   *     {@link FailureCode#IO} or {@link FailureCode#PROTOCOL}, or {@link FailureCode#IO} once the
   *     link is closed
   */
  <T> CompletionStage<T> call(String command, Exchange<T> exchange) {
    return enqueue(command, exchange);
  }

  /**
   * The link's health: {@link HealthState#OK} while connected, with {@code openDetail};
   * {@link HealthState#UNAVAILABLE} before the first connection and while reconnecting, with the
   * reason; {@link HealthState#DISABLED} once closed. Counters: {@code commands} sent,
   * {@code failures} of calls, {@code reconnects} after a lost connection and {@code retries}.
   */
  synchronized DriverHealth health(String openDetail) {
    Map<String, Long> counters = Map.of("commands", commands, "failures", failures,
        "reconnects", reconnects, "retries", retries);
    return switch (state) {
      case NEW -> new DriverHealth(HealthState.UNAVAILABLE, "not opened yet", counters);
      case UP -> new DriverHealth(HealthState.OK, openDetail, counters);
      case DOWN -> new DriverHealth(HealthState.UNAVAILABLE, problem
          + (nextAttempt == null ? "" : "; reconnecting at " + nextAttempt), counters);
      case CLOSED -> new DriverHealth(HealthState.DISABLED, "closed", counters);
    };
  }

  /** Closes the connection for good and fails the calls still queued or running. */
  void close() {
    Connection open;
    Set<CompletableFuture<?>> waiting;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      open = connection;
      connection = null;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
      waiting = Set.copyOf(pending);
      pending.clear();
    }
    if (open != null) {
      open.close();
    }
    waiting.forEach(reply -> reply.completeExceptionally(closed()));
    LOG.info("hamlib link closed [device: {}, peer: {}]", device, peer);
  }

  private synchronized <T> CompletionStage<T> enqueue(String command, Exchange<T> exchange) {
    CompletableFuture<T> reply = new CompletableFuture<>();
    if (state == State.CLOSED) {
      reply.completeExceptionally(closed());
      return reply;
    }
    pending.add(reply);
    reply.whenComplete((result, failure) -> forget(reply));
    Call<T> call = new Call<>(command, exchange, reply);
    line = line.thenCompose(ignored -> {
      attempt(call, 1, Duration.ZERO);
      return reply.handle((result, failure) -> null);
    });
    return reply;
  }

  private <T> void attempt(Call<T> call, int number, Duration delay) {
    try {
      executor.schedule(() -> carryOut(call, number), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      call.reply().completeExceptionally(closed());
    }
  }

  private <T> void carryOut(Call<T> call, int number) {
    if (call.reply().isDone()) {
      return;
    }
    try {
      Connection open = connected();
      call.reply().complete(call.exchange() == null ? null : exchange(open, call));
    } catch (DriverException e) {
      failed(call, number, e);
    } catch (RuntimeException e) {
      failed(call, number, new DriverException(FailureCode.IO, "'" + call.command() + "' to "
          + peer + " failed: " + e, e));
    }
  }

  private <T> void failed(Call<T> call, int number, DriverException cause) {
    boolean closed;
    synchronized (this) {
      closed = state == State.CLOSED;
      if (!closed && (!cause.code().retryable() || number > settings.retries())) {
        failures++;
      }
    }
    if (closed) {
      call.reply().completeExceptionally(closed());
    } else if (cause.code().retryable() && number <= settings.retries()) {
      Duration delay = backoff.nth(number);
      synchronized (this) {
        retries++;
      }
      LOG.warn("hamlib call failed, trying again [device: {}, command: {}, attempt: {}, in: {},"
          + " reason: {}]", device, call.command(), number, Durations.format(delay), cause);
      attempt(call, number + 1, delay);
    } else {
      call.reply().completeExceptionally(cause);
    }
  }

  private <T> T exchange(Connection open, Call<T> call) {
    synchronized (this) {
      commands++;
    }
    try {
      return call.exchange().run(open);
    } catch (HamlibException e) {
      throw e;
    } catch (DriverException e) {
      lost(open, e);
      throw e;
    }
  }

  /** The open connection, or a new one, greeted. */
  private Connection connected() {
    synchronized (this) {
      if (state == State.CLOSED) {
        throw closed();
      }
      if (connection != null) {
        return connection;
      }
    }
    Connection fresh;
    try {
      fresh = Connection.open(settings.host(), settings.port(), peer, settings.timeout());
    } catch (DriverException e) {
      down(e);
      throw e;
    }
    try {
      greeting.accept(fresh);
    } catch (DriverException e) {
      fresh.close();
      down(e);
      throw e;
    }
    boolean again;
    synchronized (this) {
      if (state == State.CLOSED) {
        fresh.close();
        throw closed();
      }
      again = everConnected;
      everConnected = true;
      if (again) {
        reconnects++;
      }
      connection = fresh;
      state = State.UP;
      problem = null;
      nextAttempt = null;
      if (reconnect != null) {
        reconnect.cancel(false);
        reconnect = null;
      }
      backoff.reset();
    }
    if (again) {
      LOG.info("hamlib link reconnected [device: {}, peer: {}]", device, peer);
    } else {
      LOG.info("hamlib link open [device: {}, peer: {}]", device, peer);
    }
    return fresh;
  }

  /** Closes a connection that can no longer be trusted and starts reconnecting. */
  private void lost(Connection open, DriverException cause) {
    open.close();
    synchronized (this) {
      if (connection != open) {
        return;
      }
      connection = null;
    }
    down(cause);
  }

  /** Marks the link down and schedules a reconnection, unless one is scheduled already. */
  private void down(DriverException cause) {
    Duration delay;
    boolean first;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      first = state != State.DOWN;
      state = State.DOWN;
      connection = null;
      problem = cause.getMessage();
      if (reconnect != null && !reconnect.isDone()) {
        return;
      }
      delay = backoff.next();
      nextAttempt = clock.instant().plus(delay);
      try {
        reconnect = executor.schedule(this::reconnect, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        nextAttempt = null;
        return;
      }
    }
    if (first) {
      LOG.warn("hamlib link down, reconnecting [device: {}, peer: {}, in: {}, reason: {}]",
          device, peer, Durations.format(delay), cause);
    } else {
      LOG.debug("hamlib link still down [device: {}, peer: {}, next: {}, reason: {}]",
          device, peer, Durations.format(delay), cause);
    }
  }

  private void reconnect() {
    synchronized (this) {
      reconnect = null;
      if (state != State.DOWN) {
        return;
      }
    }
    try {
      connected();
    } catch (DriverException e) {
      // connected() marked the link down again and scheduled the next attempt
    }
  }

  private synchronized void forget(CompletableFuture<?> reply) {
    pending.remove(reply);
  }

  private DriverException closed() {
    return new DriverException(FailureCode.IO, "the link of " + device + " to " + peer
        + " is closed");
  }
}
