package talos.driver;

/**
 * An optional capability of a receiving {@link RadioDriver}: its baseband I/Q samples. A radio
 * that can deliver them also implements this interface; the agent finds it with
 * {@code instanceof} and may forward the samples, or frames decoded from them. A radio that does
 * not implement it is unaffected.
 *
 * <p>Samples flow while the radio is open; across a reconnection the stream goes on in the same
 * subscriptions, with a gap. The tuner follows {@link RadioDriver#setFrequency}, and each block
 * says which frequency and sample rate it was read at.
 */
public interface IqSource {

  /**
   * Subscribes to the blocks read from now on.
   *
   * @param capacity how many blocks the subscription's buffer holds, at least 1
   * @return the subscription; closing the radio closes it
   * @throws IllegalArgumentException for a capacity below 1
   */
  IqSubscription subscribe(int capacity);
}
