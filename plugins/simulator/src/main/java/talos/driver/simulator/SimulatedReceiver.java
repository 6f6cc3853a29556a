package talos.driver.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.FrameSubscription;
import talos.driver.ReceivedFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What the simulated radio hears. While setpoints keep tuning it (a session feeds it
 * Doppler-corrected frequencies several times a minute) it receives one housekeeping packet of
 * the {@link SimulatedSpacecraft} every frame interval, on the frequency it is tuned to, with a
 * signal strength that wanders around -108 dBm and the SNR that goes with it. From
 * {@link #LISTENING} after the last tuning it hears nothing, until it is tuned again.
 *
 * <p>Nothing ticks by itself: {@link #hear} works out from the time it is given which frames are
 * due, so a test clock drives it exactly. After a jump of the clock it delivers at most
 * {@value #MAX_CATCH_UP} overdue frames and skips the rest. Thread-safe; consumers are called on
 * the thread that calls {@link #hear}, outside any lock.
 */
final class SimulatedReceiver {

  /** How long after the last tuning the radio still hears the satellite. */
  static final Duration LISTENING = Duration.ofSeconds(10);
  /** The most overdue frames one {@link #hear} delivers. */
  static final int MAX_CATCH_UP = 10;

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedReceiver.class);
  private static final double NOISE_FLOOR = -121;
  private static final double MEAN_SIGNAL = -108;

  private final String device;
  private final Duration interval;
  private final RandomGenerator random;
  private final SimulatedSpacecraft spacecraft;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private Instant tunedAt;
  private long frequency;
  private Instant nextFrame;
  private double signal = MEAN_SIGNAL;
  private long heard;
  private boolean stopped;

  /**
   * @param interval the time between two frames; zero for a radio that never hears any
   * @param random where the values and the noise come from; seed it for repeatable frames
   * @param now the device's time when it is created
   */
  SimulatedReceiver(String device, Duration interval, RandomGenerator random, Instant now) {
    this.device = device;
    this.interval = interval;
    this.random = random;
    this.spacecraft = new SimulatedSpacecraft(random, now);
  }

  /** The radio was tuned to {@code hertz} at {@code at}: it hears the satellite from now on. */
  synchronized void tuned(long hertz, Instant at) {
    if (!isOn()) {
      return;
    }
    if (!listening(at)) {
      nextFrame = at.plus(interval);
    }
    tunedAt = at;
    frequency = hertz;
  }

  /** Whether frames are on: a frame interval of zero turns them off. */
  boolean isOn() {
    return !interval.isZero();
  }

  /** Hands every frame due by {@code now} to the subscribers, in order. */
  void hear(Instant now) {
    List<ReceivedFrame> frames = due(now);
    for (ReceivedFrame frame : frames) {
      for (Subscription subscription : subscriptions) {
        subscription.deliver(frame);
      }
    }
  }

  /** Subscribes to the frames heard from now on. */
  FrameSubscription subscribe(Consumer<ReceivedFrame> consumer) {
    Subscription subscription = new Subscription(Objects.requireNonNull(consumer, "consumer"));
    synchronized (this) {
      if (stopped) {
        subscription.closed = true;
        return subscription;
      }
      subscriptions.add(subscription);
    }
    return subscription;
  }

  /** How many frames were heard so far, whether anyone subscribed or not. */
  synchronized long heard() {
    return heard;
  }

  /** Closes every subscription; nothing is heard any more. */
  void close() {
    synchronized (this) {
      stopped = true;
      nextFrame = null;
    }
    subscriptions.forEach(Subscription::close);
  }

  private synchronized List<ReceivedFrame> due(Instant now) {
    List<ReceivedFrame> frames = new ArrayList<>();
    while (!stopped && nextFrame != null && !nextFrame.isAfter(now)) {
      if (!listening(nextFrame)) {
        nextFrame = null;
        break;
      }
      if (frames.size() == MAX_CATCH_UP) {
        nextFrame = now.plus(interval);
        break;
      }
      frames.add(frame(nextFrame));
      nextFrame = nextFrame.plus(interval);
    }
    heard += frames.size();
    return frames;
  }

  private boolean listening(Instant at) {
    return tunedAt != null && at.isBefore(tunedAt.plus(LISTENING));
  }

  private ReceivedFrame frame(Instant time) {
    signal = Math.max(-118, Math.min(-95, signal + random.nextGaussian()
        + (MEAN_SIGNAL - signal) * 0.1));
    double snr = Math.max(1, signal - NOISE_FLOOR + random.nextGaussian() * 0.5);
    return new ReceivedFrame(time, spacecraft.packet(time), frequency, tenths(signal),
        tenths(snr));
  }

  private static double tenths(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private final class Subscription implements FrameSubscription {

    private final Consumer<ReceivedFrame> consumer;
    private volatile boolean closed;

    Subscription(Consumer<ReceivedFrame> consumer) {
      this.consumer = consumer;
    }

    void deliver(ReceivedFrame frame) {
      if (closed) {
        return;
      }
      try {
        consumer.accept(frame);
      } catch (RuntimeException e) {
        LOG.warn("frame subscriber failed [device: {}]", device, e);
      }
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
      subscriptions.remove(this);
    }
  }
}
