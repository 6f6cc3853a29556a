package talos.driver;

/**
 * Why a driver call failed: a closed set in the spirit of Hamlib's error codes. The agent retries
 * only the {@link #retryable()} ones.
 */
public enum FailureCode {

  /** An argument outside what the device or driver accepts. */
  INVALID_ARGUMENT(false),
  /** The driver's configuration is wrong or incomplete. */
  CONFIGURATION(false),
  /** The device did not answer in time. */
  TIMEOUT(true),
  /** Reading from or writing to the device failed, or the connection was lost. */
  IO(true),
  /** The device answered something the driver does not understand. */
  PROTOCOL(true),
  /** The device understood the command and refused it. */
  REJECTED(false),
  /** The operation exists in the SPI but this device or model does not offer it. */
  NOT_AVAILABLE(false),
  /** The driver does not implement the operation. */
  NOT_IMPLEMENTED(false);

  private final boolean retryable;

  FailureCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
