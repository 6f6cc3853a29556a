package talos.driver;

import java.util.concurrent.CompletionStage;

/**
 * An antenna rotator. The agent has already checked each position against the travel ranges and
 * each operation against the {@link RotatorCapabilities}; a driver refuses what the device itself
 * refuses with {@link FailureCode#REJECTED}. A driver keeps at most one command in flight.
 */
public interface RotatorDriver extends Device {

  /**
   * What this device can do, which may be narrower than the descriptor's (a driver that learns the
   * travel ranges from the device once open answers with those). Never blocks.
   */
  RotatorCapabilities capabilities();

  /** The measured position; fails with a {@link DriverException}. */
  CompletionStage<Position> position();

  /** Starts moving towards a position and completes once the device took the command. */
  CompletionStage<Void> moveTo(Position target);

  /** Stops both axes where they are. */
  CompletionStage<Void> stop();

  /** Drives to the park position configured for the device (or the device's own). */
  CompletionStage<Void> park(Position parkPosition);
}
