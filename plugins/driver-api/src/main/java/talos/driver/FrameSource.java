package talos.driver;

import java.util.function.Consumer;

/**
 * An optional capability of a receiving {@link RadioDriver}: the data frames it decoded, such as
 * the telemetry packets of a satellite. A radio (or a decoder behind it) that can deliver them also
 * implements this interface; the agent finds it with {@code instanceof}, subscribes once the radio
 * is open and forwards each frame to the core. A radio that does not implement it is unaffected.
 *
 * <p>Subscriptions live as long as the radio: across a reconnection they simply receive again,
 * after a gap. Closing the radio closes them.
 */
public interface FrameSource {

  /**
   * Subscribes to the frames received from now on. {@code consumer} is called once per frame, in
   * the order received, on a thread of the driver (the device's executor or a decoder's own); it
   * must return at once and never block. An exception it throws is the subscriber's problem: the
   * source ignores it and goes on delivering. Never blocks and may be called from any thread.
   *
   * @param consumer what to call with each frame
   * @return the subscription; closing it stops the calls
   * @throws NullPointerException for a {@code null} consumer
   */
  FrameSubscription subscribe(Consumer<ReceivedFrame> consumer);
}
