package talos.driver;

import java.util.concurrent.CompletionStage;

/** What every device a driver creates has in common: health and an orderly close. */
public interface Device extends AutoCloseable {

  /** The device's health now; cheap, never blocks, never fails. */
  DriverHealth health();

  /**
   * Connects to the device. The agent calls it once after creating the device and again after a
   * retryable failure, with backoff.
   *
   * @return a stage that completes when the device answers, or fails with a {@link DriverException}
   */
  CompletionStage<Void> open();

  /** Releases the device's connection; further calls fail with {@link FailureCode#IO}. */
  @Override
  void close();
}
