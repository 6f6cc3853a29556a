package talos.agent;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.FrameSource;
import talos.driver.FrameSubscription;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A radio behind the station's limits: a frequency outside the configured frequency limits or the
 * radio's ranges, or a mode the radio does not know, is refused with a {@code limit} event, and an
 * operation the radio does not offer is refused with
 * {@link talos.driver.FailureCode#NOT_AVAILABLE}; in both cases the driver is not called.
 *
 * <p>A radio that is a {@link FrameSource} is subscribed to when it first opens, and its frames go
 * to the {@link FrameRelay} given by {@link #relayFrames}; the subscription lasts until the radio
 * is closed, across reconnections.
 */
final class GuardedRadio extends GuardedDevice<RadioDriver> {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedRadio.class);

  private final AgentConfig.Limits limits;
  private Long uplink;
  private FrameRelay relay;
  private FrameSubscription frames;

  GuardedRadio(DeviceParts parts, RadioDriver driver, AgentConfig.Limits limits) {
    super(parts, driver);
    this.limits = limits;
  }

  /** Whether the radio hands over the frames it receives. */
  boolean offersFrames() {
    return driver instanceof FrameSource;
  }

  /** Sends the frames the radio receives to {@code relay}, from the time it opens. */
  void relayFrames(FrameRelay relay) {
    this.relay = relay;
  }

  /** Ends the frame subscription, then closes the driver; never fails. */
  @Override
  Future<Void> close() {
    if (frames != null) {
      frames.close();
      frames = null;
    }
    return super.close();
  }

  @Override
  protected void opened() {
    if (relay == null || frames != null || !(driver instanceof FrameSource source)) {
      return;
    }
    try {
      frames = source.subscribe(relay::received);
      LOG.info("receiving frames [device: {}, driver: {}]", name(), driverName());
    } catch (RuntimeException e) {
      LOG.warn("cannot subscribe to frames [device: {}, driver: {}]", name(), driverName(), e);
    }
  }

  @Override
  protected Map<String, Long> agentCounters() {
    return relay == null ? Map.of() : relay.counters();
  }

  boolean supports(RadioOperation operation) {
    return driver.capabilities().supports(operation);
  }

  /** The receive frequency, in hertz. */
  Future<Long> frequency() {
    if (!supports(RadioOperation.GET_FREQUENCY)) {
      return refuseUnsupported("report its frequency");
    }
    return call(driver::frequency);
  }

  /** The operating mode. */
  Future<String> mode() {
    if (!supports(RadioOperation.GET_MODE)) {
      return refuseUnsupported("report its mode");
    }
    return call(driver::mode);
  }

  /** Tunes the receive frequency. */
  Future<Void> tune(long hertz) {
    if (!supports(RadioOperation.SET_FREQUENCY)) {
      return refuseUnsupported("tune");
    }
    String violation = violation("downlink", hertz);
    return violation != null ? refuseLimit(violation) : call(() -> driver.setFrequency(hertz));
  }

  /** Tunes the transmit frequency. */
  Future<Void> tuneUplink(long hertz) {
    if (!supports(RadioOperation.SET_UPLINK_FREQUENCY)) {
      return refuseUnsupported("tune an uplink");
    }
    String violation = violation("uplink", hertz);
    return violation != null ? refuseLimit(violation)
        : this.<Void>call(() -> driver.setUplinkFrequency(hertz)).onSuccess(v -> uplink = hertz);
  }

  /** The transmit frequency the radio was last tuned to, since drivers cannot read it back. */
  Optional<Long> uplink() {
    return Optional.ofNullable(uplink);
  }

  RadioCapabilities capabilities() {
    return driver.capabilities();
  }

  /** The frequency ranges the radio may be tuned to: its own, within the station's limits. */
  List<Range> allowedFrequencies() {
    List<Range> allowed = new ArrayList<>();
    double min = limits.minFrequencyHz() == null ? 0 : limits.minFrequencyHz();
    double max = limits.maxFrequencyHz() == null ? Double.MAX_VALUE : limits.maxFrequencyHz();
    for (Range range : driver.capabilities().frequencies()) {
      double low = Math.max(min, range.min());
      double high = Math.min(max, range.max());
      if (low <= high) {
        allowed.add(new Range(low, high));
      }
    }
    return allowed;
  }

  /** Sets the mode, matched without regard to case against the radio's modes. */
  Future<Void> setMode(String mode) {
    if (!supports(RadioOperation.SET_MODE)) {
      return refuseUnsupported("set a mode");
    }
    RadioCapabilities capabilities = driver.capabilities();
    Optional<String> known = capabilities.modes().stream()
        .filter(candidate -> candidate.equalsIgnoreCase(mode)).findFirst();
    if (known.isEmpty()) {
      return refuseLimit("mode " + mode + " is not one of the radio's modes "
          + capabilities.modes().stream().sorted().toList());
    }
    return call(() -> driver.setMode(known.get()));
  }

  private String violation(String link, long hertz) {
    if (!limits.allowsFrequency(hertz)) {
      return link + " " + hertz + " Hz is outside the station's limits ["
          + (limits.minFrequencyHz() == null ? "-" : limits.minFrequencyHz()) + ", "
          + (limits.maxFrequencyHz() == null ? "-" : limits.maxFrequencyHz()) + "] Hz";
    }
    RadioCapabilities capabilities = driver.capabilities();
    if (!capabilities.tunes(hertz)) {
      return link + " " + hertz + " Hz is outside the radio's ranges "
          + capabilities.frequencies() + " Hz";
    }
    return null;
  }
}
