package talos.core.streaming;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One destination's sender: a bounded queue that any thread may fill without waiting, drained on
 * the sender's own context. A full queue drops the new frame and counts it; nothing else waits.
 * Subclasses say when they can send and how.
 */
abstract class Outlet {

  /** Frames sent in one turn of the context at most, so one busy destination shares its thread. */
  private static final int BATCH = 512;

  final Destination destination;
  final OutletStats stats = new OutletStats();
  private final ArrayBlockingQueue<OutgoingFrame> queue;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile Context context;
  Vertx vertx;

  Outlet(Destination destination) {
    this.destination = destination;
    this.queue = new ArrayBlockingQueue<>(destination.queueSize());
  }

  /**
   * Queues a frame; never blocks.
   *
   * @return whether it was queued; {@code false} when the queue is full (the frame is counted as
   *     dropped)
   */
  final boolean offer(OutgoingFrame frame) {
    if (!queue.offer(frame)) {
      stats.dropped();
      return false;
    }
    schedule();
    return true;
  }

  final int queued() {
    return queue.size();
  }

  /** Starts sending on {@code context}, the sender's own. */
  final Future<Void> start(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
    return open().onComplete(ignored -> schedule());
  }

  /** Stops sending; what is still queued is dropped. */
  final Future<Void> stop() {
    stats.state(OutletStats.State.STOPPED);
    queue.clear();
    return close();
  }

  /** To be called on the context when sending may go on (connected, write queue drained). */
  final void resume() {
    schedule();
  }

  private void schedule() {
    Context target = context;
    if (target != null && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      target.runOnContext(ignored -> drain());
    }
  }

  private void drain() {
    int sent = 0;
    while (sent < BATCH && ready()) {
      OutgoingFrame frame = queue.poll();
      if (frame == null) {
        break;
      }
      send(frame);
      sent++;
    }
    scheduled.set(false);
    if (ready()) {
      schedule();
    }
  }

  /** Opens what the sender needs (a socket, a connection); runs on the sender's context. */
  abstract Future<Void> open();

  abstract Future<Void> close();

  /** Whether a frame can be handed over now. */
  abstract boolean ready();

  /** Hands one frame over; counts it sent or failed when that is known. */
  abstract void send(OutgoingFrame frame);
}
