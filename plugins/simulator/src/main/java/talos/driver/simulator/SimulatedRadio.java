package talos.driver.simulator;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.FrameSource;
import talos.driver.FrameSubscription;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.RadioOperation;
import talos.driver.Range;
import talos.driver.ReceivedFrame;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A simulated transceiver that tunes 1 MHz to 6 GHz, with a separate uplink (split) frequency and
 * the modes in {@link #MODES}. It starts on 145.8 MHz FM. Frequencies it cannot tune and unknown
 * modes are refused with {@link FailureCode#REJECTED}. Replies, link faults and counters work as
 * the rotator's.
 *
 * <p>It is a {@link FrameSource}: while its link is open and setpoints keep tuning it, it receives
 * a CCSDS housekeeping packet every {@code frameInterval} (see {@link SimulatedSpacecraft} and
 * {@link SimulatedReceiver}), handed to subscribers on the device's thread. The frames follow the
 * device's clock, which the radio reads a few times a second on that thread. The noise and values
 * are drawn from a generator seeded with the device's name, so a test sees the same frames every
 * run.
 */
public final class SimulatedRadio implements RadioDriver, FrameSource {

  /** The lowest frequency the radio tunes, in hertz. */
  public static final long MIN_FREQUENCY = 1_000_000L;
  /** The highest frequency the radio tunes, in hertz. */
  public static final long MAX_FREQUENCY = 6_000_000_000L;
  /** The downlink frequency the radio starts on, in hertz. */
  public static final long START_FREQUENCY = 145_800_000L;
  /** The modes the radio knows. */
  public static final Set<String> MODES =
      Set.of("FM", "AM", "USB", "LSB", "CW", "FMN", "PKTUSB", "PKTFM");

  static final RadioCapabilities CAPABILITIES = new RadioCapabilities(
      List.of(new Range(MIN_FREQUENCY, MAX_FREQUENCY)), MODES,
      EnumSet.allOf(RadioOperation.class));

  /** The longest time between two readings of the clock for frames, in milliseconds. */
  private static final long LONGEST_LISTEN_PERIOD = 250;

  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final SimulatedLink link;
  private final SimulatedReceiver receiver;
  private final long listenPeriod;
  private long downlink = START_FREQUENCY;
  private Long uplink;
  private String mode = "FM";
  private ScheduledFuture<?> listening;

  SimulatedRadio(DriverContext context, SimulatorSettings settings) {
    this.clock = context.clock();
    this.executor = context.executor();
    this.link = new SimulatedLink(context.deviceName(), context.executor(), settings);
    this.receiver = new SimulatedReceiver(context.deviceName(), settings.frameInterval(),
        new SplittableRandom(context.deviceName().hashCode()), clock.instant());
    this.listenPeriod = Math.max(1, Math.min(LONGEST_LISTEN_PERIOD,
        settings.frameInterval().toMillis() / 4));
  }

  @Override
  public RadioCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** Connects; once open, the radio starts listening for frames when they are on. */
  @Override
  public CompletionStage<Void> open() {
    return link.open().thenRun(this::startListening);
  }

  @Override
  public CompletionStage<Long> frequency() {
    return link.send(() -> {
      synchronized (this) {
        return downlink;
      }
    });
  }

  /**
   * Tunes the downlink.
   *
   * @return a stage failed with {@link FailureCode#REJECTED} for a frequency the radio cannot tune
   */
  @Override
  public CompletionStage<Void> setFrequency(long hertz) {
    return link.send(() -> {
      tunable("frequency", hertz);
      synchronized (this) {
        downlink = hertz;
      }
      receiver.tuned(hertz, clock.instant());
      return null;
    });
  }

  /**
   * Tunes the uplink.
   *
   * @return a stage failed with {@link FailureCode#REJECTED} for a frequency the radio cannot tune
   */
  @Override
  public CompletionStage<Void> setUplinkFrequency(long hertz) {
    return link.send(() -> {
      tunable("uplink frequency", hertz);
      synchronized (this) {
        uplink = hertz;
      }
      return null;
    });
  }

  @Override
  public CompletionStage<String> mode() {
    return link.send(() -> {
      synchronized (this) {
        return mode;
      }
    });
  }

  /**
   * Sets the mode.
   *
   * @return a stage failed with {@link FailureCode#REJECTED} for a mode not in {@link #MODES}
   */
  @Override
  public CompletionStage<Void> setMode(String newMode) {
    return link.send(() -> {
      if (newMode == null || !MODES.contains(newMode)) {
        throw new DriverException(FailureCode.REJECTED, "mode " + newMode + " is not one of "
            + String.join(", ", MODES.stream().sorted().toList()));
      }
      synchronized (this) {
        mode = newMode;
      }
      return null;
    });
  }

  @Override
  public DriverHealth health() {
    return link.health(null);
  }

  /**
   * Subscribes to the frames received from now on; with {@code frameInterval} off, none ever come.
   * The consumer is called on the device's thread.
   */
  @Override
  public FrameSubscription subscribe(Consumer<ReceivedFrame> consumer) {
    return receiver.subscribe(consumer);
  }

  /** Closes the link and every frame subscription. */
  @Override
  public void close() {
    synchronized (this) {
      if (listening != null) {
        listening.cancel(false);
      }
    }
    receiver.close();
    link.close();
  }

  /** How many frames the radio received so far, whether anyone subscribed or not. */
  public long framesReceived() {
    return receiver.heard();
  }

  /** The uplink frequency last set, in hertz, read without sending a command. */
  public synchronized OptionalLong uplinkFrequency() {
    return uplink == null ? OptionalLong.empty() : OptionalLong.of(uplink);
  }

  /** Drops the link now: commands fail with {@link FailureCode#IO} until {@link #open()}. */
  public void disconnect() {
    link.drop("disconnected");
  }

  /** Adds {@code extra} to every reply from now on; {@link Duration#ZERO} ends the fault. */
  public void slowReplies(Duration extra) {
    link.slowReplies(extra);
  }

  private synchronized void startListening() {
    if (!receiver.isOn() || listening != null) {
      return;
    }
    try {
      listening = executor.scheduleWithFixedDelay(this::listen, listenPeriod, listenPeriod,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the device is being shut down: nothing to listen for
    }
  }

  private void listen() {
    if (link.isOpen()) {
      receiver.hear(clock.instant());
    }
  }

  private static void tunable(String what, long hertz) {
    if (!CAPABILITIES.tunes(hertz)) {
      throw new DriverException(FailureCode.REJECTED, what + " " + hertz + " Hz outside "
          + CAPABILITIES.frequencies().get(0) + " Hz");
    }
  }
}
