package talos.driver.sdr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.HealthState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * A radio's link to rtl_tcp: the commands, the connection, the sample stream and their recovery.
 *
 * <ul>
 *   <li><b>Commands one at a time.</b> Calls wait in a queue and run in order on the device's
 *       executor, retries included; rtl_tcp does not answer commands, so a call is done once its
 *       command is written.</li>
 *   <li><b>Samples on a thread of their own.</b> Each connection has a reader thread that fills
 *       blocks of samples and hands them on; it never waits for anyone but rtl_tcp.</li>
 *   <li><b>Time limits.</b> Connecting and the header must come within the {@code timeout}
 *       option, and the samples may not pause for longer.</li>
 *   <li><b>Retries and reconnection.</b> A call that fails with a retryable code is tried again up
 *       to {@code retries} times with exponential backoff. When the connection fails, or the
 *       samples stop, it is closed and opened again in the background with the same backoff until
 *       it works, and the receiver is set up again as before (rate, gain, frequency); health is
 *       {@link HealthState#UNAVAILABLE} with the reason and the next attempt meanwhile.</li>
 * </ul>
 */
final class RtlTcpLink {

  private static final Logger LOG = LoggerFactory.getLogger(RtlTcpLink.class);

  /** Commands written on an open connection; may throw a {@link DriverException}. */
  @FunctionalInterface
  interface Exchange {
    void run(RtlTcpConnection connection);
  }

  private enum State {
    NEW, UP, DOWN, CLOSED
  }

  /** A call waiting in the queue or running. */
  private record Call(String command, Exchange exchange, CompletableFuture<Void> reply) {
  }

  private final String device;
  private final String peer;
  private final RtlTcpSettings settings;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Consumer<RtlTcpConnection> setup;
  private final Consumer<byte[]> samples;
  private final Backoff backoff;
  private final Set<CompletableFuture<?>> pending = new HashSet<>();
  private State state = State.NEW;
  private RtlTcpConnection connection;
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
   * @param setup what to send on every new connection before it is used: the receiver's
   *     settings and its frequency; a failure closes the connection
   * @param samples takes each block of samples read, on the reader thread; must not block
   */
  RtlTcpLink(String device, RtlTcpSettings settings, ScheduledExecutorService executor,
             Clock clock, Consumer<RtlTcpConnection> setup, Consumer<byte[]> samples) {
    this.device = device;
    this.peer = settings.peer();
    this.settings = settings;
    this.executor = executor;
    this.clock = clock;
    this.setup = setup;
    this.samples = samples;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
  }

  /** Connects, unless connected: the stage completes once the receiver is set up and reading. */
  CompletionStage<Void> open() {
    return enqueue("connect", null);
  }

  /**
   * Queues commands.
   *
   * @param command the commands, for logs
   * @return a stage completed on the device's executor once they are written, or failed with a
   *     {@link DriverException}: {@link FailureCode#TIMEOUT}, {@link FailureCode#IO} or
   *     {@link FailureCode#PROTOCOL}, or {@link FailureCode#IO} once the link is closed
   */
  CompletionStage<Void> call(String command, Exchange exchange) {
    return enqueue(command, exchange);
  }

  /** What the open connection's header said, or {@code null} when not connected. */
  synchronized DongleInfo info() {
    return connection == null ? null : connection.info();
  }

  /**
   * The link's health: {@link HealthState#OK} while connected, with {@code openDetail};
   * {@link HealthState#UNAVAILABLE} before the first connection and while reconnecting, with the
   * reason; {@link HealthState#DISABLED} once closed. Counters: {@code commands} written,
   * {@code failures} of calls, {@code reconnects} after a lost connection and {@code retries},
   * with {@code extra} added.
   */
  synchronized DriverHealth health(String openDetail, Map<String, Long> extra) {
    Map<String, Long> counters = new HashMap<>(extra);
    counters.putAll(Map.of("commands", commands, "failures", failures, "reconnects", reconnects,
        "retries", retries));
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
    RtlTcpConnection open;
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
    LOG.info("rtl_tcp link closed [device: {}, peer: {}]", device, peer);
  }

  private synchronized CompletionStage<Void> enqueue(String command, Exchange exchange) {
    CompletableFuture<Void> reply = new CompletableFuture<>();
    if (state == State.CLOSED) {
      reply.completeExceptionally(closed());
      return reply;
    }
    pending.add(reply);
    reply.whenComplete((result, failure) -> forget(reply));
    Call call = new Call(command, exchange, reply);
    line = line.thenCompose(ignored -> {
      attempt(call, 1, Duration.ZERO);
      return reply.handle((result, failure) -> null);
    });
    return reply;
  }

  private void attempt(Call call, int number, Duration delay) {
    try {
      executor.schedule(() -> carryOut(call, number), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      call.reply().completeExceptionally(closed());
    }
  }

  private void carryOut(Call call, int number) {
    if (call.reply().isDone()) {
      return;
    }
    try {
      RtlTcpConnection open = connected();
      if (call.exchange() != null) {
        synchronized (this) {
          commands++;
        }
        try {
          call.exchange().run(open);
        } catch (DriverException e) {
          lost(open, e);
          throw e;
        }
      }
      call.reply().complete(null);
    } catch (DriverException e) {
      failed(call, number, e);
    } catch (RuntimeException e) {
      failed(call, number, new DriverException(FailureCode.IO, "'" + call.command() + "' to "
          + peer + " failed: " + e, e));
    }
  }

  private void failed(Call call, int number, DriverException cause) {
    boolean closed;
    boolean again = cause.code().retryable() && number <= settings.retries();
    synchronized (this) {
      closed = state == State.CLOSED;
      if (!closed && again) {
        retries++;
      } else if (!closed) {
        failures++;
      }
    }
    if (closed) {
      call.reply().completeExceptionally(closed());
    } else if (again) {
      Duration delay = backoff.nth(number);
      LOG.warn("rtl_tcp call failed, trying again [device: {}, command: {}, attempt: {}, in: {},"
          + " reason: {}]", device, call.command(), number, Durations.format(delay), cause);
      attempt(call, number + 1, delay);
    } else {
      call.reply().completeExceptionally(cause);
    }
  }

  /** The open connection, or a new one, set up and reading. */
  private RtlTcpConnection connected() {
    synchronized (this) {
      if (state == State.CLOSED) {
        throw closed();
      }
      if (connection != null) {
        return connection;
      }
    }
    RtlTcpConnection fresh;
    try {
      fresh = RtlTcpConnection.open(settings.host(), settings.port(), peer, settings.timeout());
    } catch (DriverException e) {
      down(e);
      throw e;
    }
    try {
      setup.accept(fresh);
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
    Thread reader = new Thread(() -> read(fresh), "talos-rtl_tcp-" + device);
    reader.setDaemon(true);
    reader.start();
    LOG.info(again ? "rtl_tcp link reconnected [device: {}, peer: {}, tuner: {}]"
        : "rtl_tcp link open [device: {}, peer: {}, tuner: {}]", device, peer,
        fresh.info().tuner());
    return fresh;
  }

  /** Reads blocks of samples until the connection ends; runs on the connection's reader thread. */
  private void read(RtlTcpConnection open) {
    int length = settings.blockSamples() * 2;
    try {
      while (true) {
        byte[] block = new byte[length];
        open.readFully(block);
        samples.accept(block);
      }
    } catch (DriverException e) {
      lost(open, e);
    } catch (RuntimeException e) {
      lost(open, new DriverException(FailureCode.IO, "reading samples from " + peer
          + " failed: " + e, e));
    }
  }

  /** Closes a connection that failed, unless it was replaced or closed, and reconnects. */
  private void lost(RtlTcpConnection open, DriverException cause) {
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
      LOG.warn("rtl_tcp link down, reconnecting [device: {}, peer: {}, in: {}, reason: {}]",
          device, peer, Durations.format(delay), cause);
    } else {
      LOG.debug("rtl_tcp link still down [device: {}, peer: {}, next: {}, reason: {}]", device,
          peer, Durations.format(delay), cause);
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
