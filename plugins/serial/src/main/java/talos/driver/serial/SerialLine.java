package talos.driver.serial;

import java.time.Duration;

/**
 * An open serial line: bytes out, bytes in with a time limit. Blocking; used from the device's
 * thread only, except {@link #close()}, which may come from any thread.
 */
interface SerialLine extends AutoCloseable {

  /** Opens the line the settings name. */
  @FunctionalInterface
  interface Opener {

    /**
     * Opens and configures the port.
     *
     * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#IO} when the port
     *     does not exist, is in use or may not be opened
     */
    SerialLine open(SerialSettings settings);
  }

  /**
   * Writes all the bytes.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#IO} when the port
   *     failed or went away
   */
  void write(byte[] bytes);

  /**
   * Reads the bytes waiting, or the first that come within {@code timeout}.
   *
   * @return how many bytes were read into {@code buffer}; 0 when none came in time
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#IO} when the port
   *     failed or went away
   */
  int read(byte[] buffer, Duration timeout);

  /** Closes the port; never fails. */
  @Override
  void close();
}
