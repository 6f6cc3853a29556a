package talos.driver.serial;

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
 * A rotator's link to its controller: the calls, the serial port and its recovery.
 *
 * <ul>
 *   <li><b>One call at a time.</b> Calls wait in a queue and run in order on the device's
 *       executor; a call starts only when the one before it has finished, retries included, so a
 *       late retry never overtakes a newer command.</li>
 *   <li><b>Time limits.</b> Every answer must come within the {@code timeout} option; commands
 *       are never written closer together than the {@code writeGap} option.</li>
 *   <li><b>Retries.</b> A call that fails with a retryable code (a timeout, a port error, an
 *       answer it cannot read) is tried again up to {@code retries} times, after
 *       {@code reconnectInitial}, then twice as long each time up to {@code reconnectMax}.</li>
 *   <li><b>Recovery.</b> When the port fails (an adapter unplugged, a device that vanished) it is
 *       closed and opened again in the background with the same backoff until it works. When the
 *       controller falls silent or talks nonsense the port stays open, since reopening resets
 *       some boards, and the controller is probed with the same backoff until it answers. Either
 *       way health is {@link HealthState#UNAVAILABLE} with the reason and the next attempt.</li>
 *   <li><b>Polling.</b> Every {@code pollInterval} without a call, the link probes the controller
 *       by itself, so that health tells a silent controller even when nobody asks.</li>
 * </ul>
 */
final class SerialLink {

  private static final Logger LOG = LoggerFactory.getLogger(SerialLink.class);

  /** Commands and their answers on the controller's port; may throw a {@link DriverException}. */
  @FunctionalInterface
  interface Exchange<T> {
    T run(ControllerPort port);
  }

  private enum State {
    NEW, UP, DOWN, CLOSED
  }

  /** A call waiting in the queue or running. */
  private record Call<T>(String command, Exchange<T> exchange, int retries,
                         CompletableFuture<T> reply) {
  }

  private final String device;
  private final SerialSettings settings;
  private final SerialLine.Opener opener;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Consumer<ControllerPort> probe;
  private final Backoff backoff;
  private final Set<CompletableFuture<?>> pending = new HashSet<>();
  private State state = State.NEW;
  private ControllerPort port;
  /** Whether the controller on the open port answered since it was opened or last failed. */
  private boolean verified;
  private boolean everUp;
  private String problem;
  private Instant nextAttempt;
  private ScheduledFuture<?> reconnect;
  private ScheduledFuture<?> poller;
  private long lastCall = System.nanoTime();
  private long commands;
  private long failures;
  private long reconnects;
  private long retries;
  private long polls;
  private long strayBytes;
  private CompletableFuture<Void> line = CompletableFuture.completedFuture(null);

  /**
   * A link, not open yet.
   *
   * @param probe an exchange that proves the controller answers, such as reading its position;
   *     run on every new port, while recovering and when polling
   */
  SerialLink(String device, SerialSettings settings, SerialLine.Opener opener,
             ScheduledExecutorService executor, Clock clock, Consumer<ControllerPort> probe) {
    this.device = device;
    this.settings = settings;
    this.opener = opener;
    this.executor = executor;
    this.clock = clock;
    this.probe = probe;
    this.backoff = new Backoff(settings.reconnectInitial(), settings.reconnectMax());
  }

  /**
   * Opens the port, unless open, and probes the controller: the stage completes once it answered,
   * after retries. Starts polling.
   */
  CompletionStage<Void> open() {
    startPolling();
    return enqueue("open", null, settings.retries());
  }

  /**
   * Queues a call.
   *
   * @param command the command, for logs
   * @return a stage completed on the device's executor with the exchange's result, or failed with
   *     a {@link DriverException}: {@link FailureCode#TIMEOUT}, {@link FailureCode#IO},
   *     {@link FailureCode#PROTOCOL} or {@link FailureCode#REJECTED}, or {@link FailureCode#IO}
   *     once the link is closed
   */
  <T> CompletionStage<T> call(String command, Exchange<T> exchange) {
    return enqueue(command, exchange, settings.retries());
  }

  /**
   * The link's health: {@link HealthState#OK} while the controller answers, with
   * {@code openDetail}; {@link HealthState#UNAVAILABLE} before it first answered and while
   * recovering, with the reason; {@link HealthState#DISABLED} once closed. Counters:
   * {@code commands} sent, {@code failures} of calls, {@code reconnects} after the link was
   * down, {@code retries}, {@code polls} and {@code strayBytes} thrown away.
   */
  synchronized DriverHealth health(String openDetail) {
    Map<String, Long> counters = Map.of("commands", commands, "failures", failures,
        "reconnects", reconnects, "retries", retries, "polls", polls,
        "strayBytes", strayBytes + (port == null ? 0 : port.strayBytes()));
    return switch (state) {
      case NEW -> new DriverHealth(HealthState.UNAVAILABLE, "not opened yet", counters);
      case UP -> new DriverHealth(HealthState.OK, openDetail, counters);
      case DOWN -> new DriverHealth(HealthState.UNAVAILABLE, problem
          + (nextAttempt == null ? "" : "; trying again at " + nextAttempt), counters);
      case CLOSED -> new DriverHealth(HealthState.DISABLED, "closed", counters);
    };
  }

  /** Closes the port for good and fails the calls still queued or running. */
  void close() {
    ControllerPort open;
    Set<CompletableFuture<?>> waiting;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      open = port;
      port = null;
      cancel(reconnect);
      cancel(poller);
      waiting = Set.copyOf(pending);
      pending.clear();
    }
    if (open != null) {
      open.close();
    }
    waiting.forEach(reply -> reply.completeExceptionally(closed()));
    LOG.info("serial link closed [device: {}, port: {}]", device, settings.port());
  }

  private synchronized <T> CompletionStage<T> enqueue(String command, Exchange<T> exchange,
                                                      int retryLimit) {
    CompletableFuture<T> reply = new CompletableFuture<>();
    if (state == State.CLOSED) {
      reply.completeExceptionally(closed());
      return reply;
    }
    pending.add(reply);
    reply.whenComplete((result, failure) -> forget(reply));
    Call<T> call = new Call<>(command, exchange, retryLimit, reply);
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
      ControllerPort open = ready();
      call.reply().complete(call.exchange() == null ? null : exchange(open, call));
    } catch (DriverException e) {
      failed(call, number, e);
    } catch (RuntimeException e) {
      failed(call, number, new DriverException(FailureCode.IO, "'" + call.command() + "' to "
          + settings.port() + " failed: " + e, e));
    }
  }

  private <T> void failed(Call<T> call, int number, DriverException cause) {
    boolean closed;
    boolean again = cause.code().retryable() && number <= call.retries();
    synchronized (this) {
      closed = state == State.CLOSED;
      if (!closed && !again) {
        failures++;
      }
      if (!closed && again) {
        retries++;
      }
    }
    if (closed) {
      call.reply().completeExceptionally(closed());
    } else if (again) {
      Duration delay = backoff.nth(number);
      LOG.warn("serial call failed, trying again [device: {}, command: {}, attempt: {}, in: {},"
          + " reason: {}]", device, call.command(), number, Durations.format(delay), cause);
      attempt(call, number + 1, delay);
    } else {
      call.reply().completeExceptionally(cause);
    }
  }

  private <T> T exchange(ControllerPort open, Call<T> call) {
    synchronized (this) {
      commands++;
      lastCall = System.nanoTime();
    }
    try {
      return call.exchange().run(open);
    } catch (DriverException e) {
      lost(open, e);
      throw e;
    }
  }

  /** The open port with a controller that answers: opened and probed when needed. */
  private ControllerPort ready() {
    ControllerPort open;
    synchronized (this) {
      if (state == State.CLOSED) {
        throw closed();
      }
      if (port != null && verified) {
        return port;
      }
      open = port;
    }
    if (open == null) {
      open = openPort();
    }
    synchronized (this) {
      commands++;
    }
    try {
      probe.accept(open);
    } catch (DriverException e) {
      lost(open, e);
      down(e);
      throw e;
    }
    boolean again;
    synchronized (this) {
      if (state == State.CLOSED) {
        open.close();
        throw closed();
      }
      again = everUp;
      everUp = true;
      if (again) {
        reconnects++;
      }
      verified = true;
      state = State.UP;
      problem = null;
      nextAttempt = null;
      cancel(reconnect);
      reconnect = null;
      backoff.reset();
    }
    LOG.info(again ? "serial link back [device: {}, line: {}]" : "serial link open [device: {},"
        + " line: {}]", device, settings.line());
    return open;
  }

  private ControllerPort openPort() {
    SerialLine opened;
    try {
      opened = opener.open(settings);
    } catch (DriverException e) {
      down(e);
      throw e;
    }
    ControllerPort fresh = new ControllerPort(opened, settings, settings.openDelay());
    synchronized (this) {
      if (state == State.CLOSED) {
        fresh.close();
        throw closed();
      }
      port = fresh;
      verified = false;
    }
    return fresh;
  }

  /**
   * After a failed exchange: a refusal changes nothing; a port error closes the port; a timeout
   * or an unreadable answer keeps it open but unverified. Either of those takes the link down.
   */
  private void lost(ControllerPort open, DriverException cause) {
    if (!cause.code().retryable()) {
      return;
    }
    boolean portFailed = cause.code() == FailureCode.IO;
    synchronized (this) {
      if (port != open) {
        return;
      }
      verified = false;
      if (portFailed) {
        strayBytes += open.strayBytes();
        port = null;
      }
    }
    if (portFailed) {
      open.close();
    }
    down(cause);
  }

  /** Marks the link down and schedules a recovery, unless one is scheduled already. */
  private void down(DriverException cause) {
    Duration delay;
    boolean first;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      first = state != State.DOWN;
      state = State.DOWN;
      problem = cause.getMessage();
      if (reconnect != null && !reconnect.isDone()) {
        return;
      }
      delay = backoff.next();
      nextAttempt = clock.instant().plus(delay);
      try {
        reconnect = executor.schedule(this::recover, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        nextAttempt = null;
        return;
      }
    }
    if (first) {
      LOG.warn("serial link down, recovering [device: {}, port: {}, in: {}, reason: {}]", device,
          settings.port(), Durations.format(delay), cause);
    } else {
      LOG.debug("serial link still down [device: {}, port: {}, next: {}, reason: {}]", device,
          settings.port(), Durations.format(delay), cause);
    }
  }

  private void recover() {
    synchronized (this) {
      reconnect = null;
      if (state != State.DOWN || !pending.isEmpty()) {
        return;
      }
    }
    try {
      ready();
    } catch (DriverException e) {
      // ready() marked the link down again and scheduled the next attempt
    }
  }

  private synchronized void startPolling() {
    if (poller != null || state == State.CLOSED || settings.pollInterval().isZero()) {
      return;
    }
    long interval = settings.pollInterval().toNanos();
    try {
      poller = executor.scheduleWithFixedDelay(this::pollIfIdle, interval, interval,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      poller = null;
    }
  }

  /** Probes the controller when the link is up and no call came for a poll interval. */
  private void pollIfIdle() {
    synchronized (this) {
      if (state != State.UP || !pending.isEmpty()
          || System.nanoTime() - lastCall < settings.pollInterval().toNanos()) {
        return;
      }
      polls++;
    }
    enqueue("poll", open -> {
      probe.accept(open);
      return null;
    }, 0);
  }

  private synchronized void forget(CompletableFuture<?> reply) {
    pending.remove(reply);
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private DriverException closed() {
    return new DriverException(FailureCode.IO, "the link of " + device + " to " + settings.port()
        + " is closed");
  }
}
