package talos.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.ReceivedFrame;
import talos.protocol.Messages;
import talos.protocol.ReceivedFrames;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Carries the frames a radio receives to the core's {@code frames} channel. The driver hands each
 * frame over on its own thread with {@link #received}, which never blocks; the frames then move to
 * the agent's context, where each is labelled with the session in progress and its satellite
 * (a frame no satellite is known for is dropped) and batched. A batch is published once it holds
 * {@value #MAX_BATCH} frames or {@link #FLUSH_INTERVAL} after its first frame, split so that no
 * message exceeds the protocol's {@link Messages#MAX_PAYLOAD_BYTES}, and at most
 * {@value #MAX_MESSAGES_PER_SECOND} messages a second, well within the gateway's rate limit.
 *
 * <p>While the link is down frames are kept, the newest {@value #MAX_KEPT}, and published once it
 * is back; older ones are dropped. Every drop is counted ({@link #counters()}) and logged at most
 * once a minute. Every method but {@link #received} and {@link #counters} runs on the agent's
 * context.
 */
final class FrameRelay {

  /** Frames in one message at most. */
  static final int MAX_BATCH = ReceivedFrames.MAX_FRAMES;
  /** How long a frame waits at most for its batch to fill while the link is up. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);
  /** Frames kept at most while they cannot be published; beyond that the oldest are dropped. */
  static final int MAX_KEPT = 1_000;
  /**
   * Frames handed over by the driver that the agent's context has not taken yet, at most. Twice
   * {@link #MAX_KEPT}, so a burst the context is slow to take still ends as the newest
   * {@value #MAX_KEPT} kept; only a context stalled for longer drops frames here.
   */
  static final int MAX_WAITING = 2 * MAX_KEPT;
  /** Frame messages published in one second at most. */
  static final int MAX_MESSAGES_PER_SECOND = 20;

  private static final Logger LOG = LoggerFactory.getLogger(FrameRelay.class);
  private static final Duration DROP_LOG_INTERVAL = Duration.ofMinutes(1);
  /** What a message takes besides its frames: {@code {"v":1,"frames":[]}} is 20 bytes. */
  private static final int ENVELOPE_BYTES = 64;

  /**
   * What frames received now belong to.
   *
   * @param session the session in progress, or {@code null} outside a session
   * @param norad the satellite being tracked
   */
  record Origin(String session, int norad) {
  }

  /** Where batches go: the station's {@code frames} channel. */
  interface Outlet {

    /** Whether messages can be published now. */
    boolean isUp();

    /** Publishes a message; the future fails when it could not be handed to the connection. */
    Future<?> publish(JsonObject message);
  }

  private record Pending(ReceivedFrames.Frame frame, int bytes) {
  }

  private final Vertx vertx;
  private final Context context;
  private final Clock clock;
  private final String device;
  private final Function<Instant, Origin> origin;
  private final Outlet outlet;
  private final ConcurrentLinkedQueue<ReceivedFrame> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inboxSize = new AtomicInteger();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong receivedCount = new AtomicLong();
  private final AtomicLong publishedCount = new AtomicLong();
  private final AtomicLong droppedCount = new AtomicLong();
  private final Deque<Pending> kept = new ArrayDeque<>();
  private long timer = -1;
  private Instant window;
  private int sentInWindow;
  private Instant lastDropLog;
  private long droppedAtLastLog;
  private boolean closed;

  /**
   * @param device the radio's name, for logs
   * @param origin what frames received at an instant belong to, or {@code null} when no
   *     satellite is known then; called on the agent's context
   */
  FrameRelay(Vertx vertx, Context context, Clock clock, String device,
             Function<Instant, Origin> origin, Outlet outlet) {
    this.vertx = vertx;
    this.context = context;
    this.clock = clock;
    this.device = device;
    this.origin = origin;
    this.outlet = outlet;
  }

  /**
   * Takes a frame from the driver, on any thread; never blocks. When the agent's context falls
   * more than {@value #MAX_WAITING} frames behind, the oldest waiting one is dropped.
   */
  void received(ReceivedFrame frame) {
    receivedCount.incrementAndGet();
    inbox.add(frame);
    if (inboxSize.incrementAndGet() > MAX_WAITING && inbox.poll() != null) {
      inboxSize.decrementAndGet();
      droppedCount.incrementAndGet();
    }
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  /** The link is up again: publishes what was kept. */
  void linkUp() {
    flush();
  }

  /** Publishes every frame kept, as far as the link and the rate allow; the rest stays kept. */
  void flush() {
    cancelTimer();
    if (closed || kept.isEmpty() || !outlet.isUp()) {
      return;
    }
    Instant now = clock.instant();
    if (window == null || !now.isBefore(window.plusSeconds(1))) {
      window = now;
      sentInWindow = 0;
    }
    while (!kept.isEmpty() && sentInWindow < MAX_MESSAGES_PER_SECOND) {
      sentInWindow++;
      send(nextBatch());
    }
    if (!kept.isEmpty()) {
      arm();
    }
  }

  /** Stops publishing; frames still kept are dropped without being counted. */
  void close() {
    closed = true;
    cancelTimer();
  }

  /**
   * The relay's counters for the radio's telemetry: {@code framesReceived} from the driver,
   * {@code framesPublished} to the link and {@code framesDropped}; may be read on any thread.
   */
  Map<String, Long> counters() {
    return Map.of("framesReceived", receivedCount.get(), "framesPublished", publishedCount.get(),
        "framesDropped", droppedCount.get());
  }

  private void drain() {
    drainScheduled.set(false);
    Instant now = clock.instant();
    ReceivedFrame frame;
    while ((frame = inbox.poll()) != null) {
      inboxSize.decrementAndGet();
      keep(frame, now);
    }
    if (kept.size() >= MAX_BATCH) {
      flush();
    } else if (!kept.isEmpty()) {
      arm();
    }
  }

  private void keep(ReceivedFrame frame, Instant now) {
    if (closed) {
      return;
    }
    if (frame.length() > ReceivedFrames.MAX_FRAME_BYTES) {
      drop(1, "a frame of " + frame.length() + " bytes is longer than the protocol's "
          + ReceivedFrames.MAX_FRAME_BYTES);
      return;
    }
    Origin from = origin.apply(now);
    if (from == null) {
      drop(1, "no satellite is being tracked");
      return;
    }
    ReceivedFrames.Frame labelled = new ReceivedFrames.Frame(frame.time(), from.norad(),
        from.session(), frequency(frame.frequency()), frame.data(),
        within(frame.rssi(), -200, 50), within(frame.snr(), -50, 100));
    kept.addLast(new Pending(labelled, labelled.toJson().toBuffer().length()));
    if (kept.size() > MAX_KEPT) {
      kept.removeFirst();
      drop(1, "more than " + MAX_KEPT + " frames wait for the link");
    }
    if (kept.size() >= MAX_BATCH && outlet.isUp()) {
      flush();
    }
  }

  private List<Pending> nextBatch() {
    List<Pending> batch = new ArrayList<>();
    int bytes = ENVELOPE_BYTES;
    while (!kept.isEmpty() && batch.size() < MAX_BATCH) {
      int more = kept.peekFirst().bytes() + (batch.isEmpty() ? 0 : 1);
      if (!batch.isEmpty() && bytes + more > Messages.MAX_PAYLOAD_BYTES) {
        break;
      }
      batch.add(kept.removeFirst());
      bytes += more;
    }
    return batch;
  }

  private void send(List<Pending> batch) {
    ReceivedFrames message = new ReceivedFrames(batch.stream().map(Pending::frame).toList());
    outlet.publish(message.toJson()).onComplete(sent -> {
      if (sent.succeeded()) {
        publishedCount.addAndGet(batch.size());
        return;
      }
      LOG.debug("frames not published, kept [device: {}, frames: {}, reason: {}]", device,
          batch.size(), sent.cause().getMessage());
      for (int i = batch.size() - 1; i >= 0; i--) {
        kept.addFirst(batch.get(i));
      }
      int excess = kept.size() - MAX_KEPT;
      for (int i = 0; i < excess; i++) {
        kept.removeFirst();
      }
      if (excess > 0) {
        drop(excess, "more than " + MAX_KEPT + " frames wait for the link");
      }
      arm();
    });
  }

  private void arm() {
    if (timer < 0 && !closed) {
      timer = vertx.setTimer(FLUSH_INTERVAL.toMillis(), id -> {
        timer = -1;
        flush();
      });
    }
  }

  private void cancelTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void drop(int frames, String reason) {
    long dropped = droppedCount.addAndGet(frames);
    Instant now = clock.instant();
    if (lastDropLog == null || !now.isBefore(lastDropLog.plus(DROP_LOG_INTERVAL))) {
      LOG.warn("frames dropped [device: {}, reason: {}, dropped: {}, since last report: {}]",
          device, reason, dropped, dropped - droppedAtLastLog);
      lastDropLog = now;
      droppedAtLastLog = dropped;
    }
  }

  private static Long frequency(Long hertz) {
    return hertz == null || hertz < 0 || hertz > 300_000_000_000L ? null : hertz;
  }

  private static Double within(Double value, double min, double max) {
    return value == null || !(value >= min && value <= max) ? null : value;
  }
}
