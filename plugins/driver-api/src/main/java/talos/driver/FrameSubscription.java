package talos.driver;

/**
 * One subscriber's view of a {@link FrameSource}: frames are handed to its consumer until it is
 * closed, by the subscriber or by the radio closing.
 */
public interface FrameSubscription extends AutoCloseable {

  /** Whether the subscription was closed, by the subscriber or by the source closing. */
  boolean isClosed();

  /**
   * Ends the subscription: no frame is handed over once it returns, except one whose call had
   * already begun on the driver's thread. Never fails; closing twice does nothing.
   */
  @Override
  void close();
}
