package talos.driver;

import java.util.concurrent.CompletionStage;

/**
 * A radio. The agent has already checked frequencies against {@link RadioCapabilities#tunes} and
 * each operation against the capabilities. Frequencies are in hertz.
 */
public interface RadioDriver extends Device {

  /** What this device can do, which may be narrower than the descriptor's. Never blocks. */
  RadioCapabilities capabilities();

  /** The receive (downlink) frequency the radio is tuned to. */
  CompletionStage<Long> frequency();

  /** Tunes the receive (downlink) frequency. */
  CompletionStage<Void> setFrequency(long hertz);

  /** Tunes the transmit (uplink) frequency of a split-capable radio. */
  CompletionStage<Void> setUplinkFrequency(long hertz);

  /** The operating mode, such as {@code FM}. */
  CompletionStage<String> mode();

  /** Sets the operating mode; one of {@link RadioCapabilities#modes()}. */
  CompletionStage<Void> setMode(String mode);
}
