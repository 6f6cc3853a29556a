package talos.core.streaming;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** What one destination's sender has done: counted from any thread, read by the API and metrics. */
final class OutletStats {

  /** Where the sender stands. */
  enum State {
    /** Sending (UDP, the live feed), or connected (TCP). */
    READY,
    /** Connecting, or waiting to connect again after a failure. */
    CONNECTING,
    /** Failing again and again: the circuit breaker holds connection attempts back for a while. */
    BACKING_OFF,
    /** Stopped: the destination was deleted or changed. */
    STOPPED
  }

  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private volatile State state = State.CONNECTING;
  private volatile String lastError;
  private volatile Instant lastErrorAt;

  void sent() {
    sent.increment();
  }

  /** A frame that found the queue full. */
  void dropped() {
    dropped.increment();
  }

  /** A frame that could not be sent; {@code error} says why. */
  void failed(String error) {
    failed.increment();
    error(error);
  }

  void error(String error) {
    lastError = error;
    lastErrorAt = Instant.now();
  }

  void state(State state) {
    this.state = state;
  }

  long sentCount() {
    return sent.sum();
  }

  long droppedCount() {
    return dropped.sum();
  }

  long failedCount() {
    return failed.sum();
  }

  JsonObject toJson(int queued) {
    return new JsonObject()
        .put("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .put("sent", sent.sum())
        .put("dropped", dropped.sum())
        .put("failed", failed.sum())
        .put("queued", queued)
        .put("lastError", lastError)
        .put("lastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
  }
}
