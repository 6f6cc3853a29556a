package talos.driver.simulator;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A simulated transceiver that tunes 1 MHz to 6 GHz, with a separate uplink (split) frequency and
 * the modes in {@link #MODES}. It starts on 145.8 MHz FM. Frequencies it cannot tune and unknown
 * modes are refused with {@link FailureCode#REJECTED}. Replies, link faults and counters work as
 * the rotator's.
 */
public final class SimulatedRadio implements RadioDriver {

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

  private final SimulatedLink link;
  private long downlink = START_FREQUENCY;
  private Long uplink;
  private String mode = "FM";

  SimulatedRadio(DriverContext context, SimulatorSettings settings) {
    this.link = new SimulatedLink(context.deviceName(), context.executor(), settings);
  }

  @Override
  public RadioCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public CompletionStage<Void> open() {
    return link.open();
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

  @Override
  public void close() {
    link.close();
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

  private static void tunable(String what, long hertz) {
    if (!CAPABILITIES.tunes(hertz)) {
      throw new DriverException(FailureCode.REJECTED, what + " " + hertz + " Hz outside "
          + CAPABILITIES.frequencies().get(0) + " Hz");
    }
  }
}
