package talos.driver;

import java.util.List;
import java.util.Set;

/**
 * What a driver is and can do. The agent reads it before creating a device: it refuses a
 * configuration that names a kind the driver cannot run or an option it does not take, and it
 * checks every call against the capabilities.
 *
 * @param name the name configurations use to pick the driver, such as {@code simulator}
 * @param rotator the rotator's capabilities, or {@code null} when the driver runs no rotator
 * @param radio the radio's capabilities, or {@code null} when the driver runs no radio
 */
public record DriverDescriptor(String name, String version, String description,
                               RotatorCapabilities rotator, RadioCapabilities radio,
                               List<OptionSpec> options) {

  public DriverDescriptor {
    options = List.copyOf(options);
    if (rotator == null && radio == null) {
      throw new IllegalArgumentException("driver " + name + " runs neither a rotator nor a radio");
    }
  }

  /** The kinds of device this driver runs. */
  public Set<DeviceKind> kinds() {
    if (rotator != null && radio != null) {
      return Set.of(DeviceKind.ROTATOR, DeviceKind.RADIO);
    }
    return Set.of(rotator != null ? DeviceKind.ROTATOR : DeviceKind.RADIO);
  }

  /** The option of this name, or {@code null}. */
  public OptionSpec option(String optionName) {
    return options.stream().filter(o -> o.name().equals(optionName)).findFirst().orElse(null);
  }
}
