package talos.driver;

/**
 * The entry point of a driver plugin, found through {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/talos.driver.DriverProvider}, or the agent will not
 * see the jar. Implementations have a public no-argument constructor and do no I/O until a device
 * is {@link Device#open() opened}.
 */
public interface DriverProvider {

  /** What the driver is and can do, with its options; the same object on every call. */
  DriverDescriptor descriptor();

  /**
   * Creates a rotator. Called only when {@link DriverDescriptor#rotator()} is not null.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} for options that cannot work
   */
  default RotatorDriver createRotator(DriverContext context) {
    throw new DriverException(FailureCode.NOT_IMPLEMENTED,
        "driver " + descriptor().name() + " runs no rotator");
  }

  /**
   * Creates a radio. Called only when {@link DriverDescriptor#radio()} is not null.
   *
   * @throws DriverException with {@link FailureCode#CONFIGURATION} for options that cannot work
   */
  default RadioDriver createRadio(DriverContext context) {
    throw new DriverException(FailureCode.NOT_IMPLEMENTED,
        "driver " + descriptor().name() + " runs no radio");
  }
}
