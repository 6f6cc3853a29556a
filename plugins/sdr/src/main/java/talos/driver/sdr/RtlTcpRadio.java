package talos.driver.sdr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.IqBlock;
import talos.driver.IqFormat;
import talos.driver.IqSource;
import talos.driver.IqSubscription;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An RTL-SDR receiver behind rtl_tcp: it receives only. The downlink frequency the agent tunes
 * (the director's Doppler-corrected setpoints) is sent as rtl_tcp's set-frequency command, plus
 * the {@code offset} option; the sample rate, gain, frequency correction, digital AGC and bias
 * tee come from the options and are sent on every new connection, followed by the frequency last
 * tuned. The receiver's only mode is {@code IQ}; its I/Q samples are offered through
 * {@link IqSource}.
 */
public final class RtlTcpRadio implements RadioDriver, IqSource {

  /** The receiver's one mode: raw I/Q samples. */
  public static final String MODE = "IQ";

  private static final Logger LOG = LoggerFactory.getLogger(RtlTcpRadio.class);
  private static final Set<RadioOperation> OPERATIONS = EnumSet.of(RadioOperation.GET_FREQUENCY,
      RadioOperation.SET_FREQUENCY, RadioOperation.GET_MODE, RadioOperation.SET_MODE);

  private final String device;
  private final RtlTcpSettings settings;
  private final Clock clock;
  private final RtlTcpLink link;
  private final IqFanout fanout = new IqFanout();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private volatile RadioCapabilities capabilities;
  /** The downlink frequency last tuned, without the offset. */
  private volatile long frequency;

  RtlTcpRadio(DriverContext context, RtlTcpSettings settings) {
    this.device = context.deviceName();
    this.settings = settings;
    this.clock = context.clock();
    this.frequency = settings.frequency();
    this.capabilities = capabilities(List.of(settings.fallback()));
    this.link = new RtlTcpLink(device, settings, context.executor(), clock, this::setUp,
        this::publish);
  }

  /**
   * The frequencies of the tuner rtl_tcp reported (the configured {@code frequencyMin} to
   * {@code frequencyMax} until connected, or for a tuner it does not know), less the offset;
   * mode {@code IQ}; tuning and reading the downlink, no uplink.
   */
  @Override
  public RadioCapabilities capabilities() {
    return capabilities;
  }

  /** Connects, sets the receiver up and starts reading samples. */
  @Override
  public CompletionStage<Void> open() {
    return link.open();
  }

  /** The downlink frequency last tuned; rtl_tcp cannot be asked. */
  @Override
  public CompletionStage<Long> frequency() {
    return CompletableFuture.completedFuture(frequency);
  }

  /**
   * Tunes the receiver to {@code hertz} plus the offset.
   *
   * @return a stage failed with {@link FailureCode#INVALID_ARGUMENT} when that is beyond what
   *     rtl_tcp's command carries
   */
  @Override
  public CompletionStage<Void> setFrequency(long hertz) {
    long tuned = hertz + settings.offset();
    if (tuned < 0 || tuned > RtlTcpSettings.MAX_FREQUENCY) {
      return CompletableFuture.failedFuture(new DriverException(FailureCode.INVALID_ARGUMENT,
          "frequency " + hertz + " Hz with offset " + settings.offset() + " Hz is beyond what"
              + " rtl_tcp carries (0 to " + RtlTcpSettings.MAX_FREQUENCY + " Hz)"));
    }
    return link.call("set frequency " + tuned, connection -> {
      connection.send(RtlCommand.SET_FREQUENCY, tuned);
      frequency = hertz;
    });
  }

  /** Fails with {@link FailureCode#NOT_AVAILABLE}: the receiver does not transmit. */
  @Override
  public CompletionStage<Void> setUplinkFrequency(long hertz) {
    return CompletableFuture.failedFuture(new DriverException(FailureCode.NOT_AVAILABLE,
        device + " is a receiver (rtl_tcp) and has no uplink"));
  }

  /** Always {@code IQ}. */
  @Override
  public CompletionStage<String> mode() {
    return CompletableFuture.completedFuture(MODE);
  }

  /**
   * Accepts {@code IQ}, the only mode, and changes nothing.
   *
   * @return a stage failed with {@link FailureCode#INVALID_ARGUMENT} for any other mode
   */
  @Override
  public CompletionStage<Void> setMode(String mode) {
    if (MODE.equals(mode)) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.failedFuture(new DriverException(FailureCode.INVALID_ARGUMENT,
        "mode " + mode + " is not offered: an rtl_tcp receiver delivers I/Q samples only (IQ)"));
  }

  /**
   * Subscribes to the samples; blocks hold {@code blockSamples} samples in {@link IqFormat#CU8},
   * and say the frequency the tuner was set to (with the offset) and the sample rate.
   */
  @Override
  public IqSubscription subscribe(int capacity) {
    return fanout.subscribe(capacity);
  }

  /**
   * The link's health; while connected, the detail names the tuner, the frequency, rate and gain.
   * Counters add {@code samples} read, {@code droppedSamples} for subscribers that fell behind
   * and {@code subscribers}.
   */
  @Override
  public DriverHealth health() {
    DongleInfo info = link.info();
    String detail = settings.peer() + (info == null ? "" : ", " + info.tuner() + " tuner with "
        + info.gains() + " gains") + String.format(Locale.ROOT, "; %.6f MHz, %d samples/s, gain %s",
        (frequency + settings.offset()) / 1e6, settings.sampleRate(),
        settings.gainTenths() < 0 ? "auto" : settings.gainTenths() / 10.0 + " dB");
    return link.health(detail, Map.of("samples", samples.get(),
        "droppedSamples", fanout.droppedSamples(), "subscribers", (long) fanout.subscribers()));
  }

  /** Closes the connection and every subscription. */
  @Override
  public void close() {
    link.close();
    fanout.close();
  }

  /** Sets up the receiver on a new connection, as configured and tuned so far. */
  private void setUp(RtlTcpConnection connection) {
    DongleInfo info = connection.info();
    if (!info.tuner().frequencies().isEmpty()) {
      capabilities = capabilities(info.tuner().frequencies());
    }
    connection.send(RtlCommand.SET_SAMPLE_RATE, settings.sampleRate());
    connection.send(RtlCommand.SET_FREQUENCY_CORRECTION, settings.ppm());
    if (settings.gainTenths() < 0) {
      connection.send(RtlCommand.SET_GAIN_MODE, 0);
    } else {
      connection.send(RtlCommand.SET_GAIN_MODE, 1);
      connection.send(RtlCommand.SET_GAIN, settings.gainTenths());
    }
    connection.send(RtlCommand.SET_AGC_MODE, settings.agc() ? 1 : 0);
    connection.send(RtlCommand.SET_BIAS_TEE, settings.biasTee() ? 1 : 0);
    connection.send(RtlCommand.SET_FREQUENCY, frequency + settings.offset());
    LOG.info("receiver set up [device: {}, tuner: {}, gains: {}, frequency: {}, rate: {}]",
        device, info.tuner(), info.gains(), frequency + settings.offset(),
        settings.sampleRate());
  }

  /** Wraps a block read and hands it to the subscribers; runs on the reader thread. */
  private void publish(byte[] data) {
    samples.addAndGet(data.length / 2);
    fanout.publish(new IqBlock(sequence.getAndIncrement(), clock.instant(),
        frequency + settings.offset(), settings.sampleRate(), IqFormat.CU8, data));
  }

  /** The capabilities for a tuner's ranges, moved by the offset so the tuned frequency fits. */
  private RadioCapabilities capabilities(List<Range> tuned) {
    long offset = settings.offset();
    List<Range> ranges = tuned.stream()
        .map(range -> new Range(Math.max(0, range.min() - offset), range.max() - offset))
        .toList();
    return new RadioCapabilities(ranges, Set.of(MODE), OPERATIONS);
  }
}
