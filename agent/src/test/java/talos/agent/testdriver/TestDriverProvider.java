package talos.agent.testdriver;

import talos.driver.DriverContext;
import talos.driver.DriverDescriptor;
import talos.driver.DriverProvider;
import talos.driver.OptionSpec;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.RadioOperation;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorDriver;
import talos.driver.RotatorOperation;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A driver for tests, named {@code test}: a rotator that moves at a set rate and a radio, both
 * recording every call and able to fail on demand. Each device is registered in
 * {@link TestDevices} under its {@code id} option.
 */
public final class TestDriverProvider implements DriverProvider {

  static final RotatorCapabilities ROTATOR = new RotatorCapabilities(new Range(0, 450),
      new Range(0, 180), EnumSet.allOf(RotatorOperation.class), 30, 30);
  static final RadioCapabilities RADIO = new RadioCapabilities(
      List.of(new Range(100_000_000, 500_000_000)), Set.of("FM", "USB"),
      EnumSet.allOf(RadioOperation.class));

  private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor("test", "1.0",
      "records calls, for tests", ROTATOR, RADIO, List.of(
          OptionSpec.required("id", OptionSpec.Type.STRING, "the name tests find the device by"),
          OptionSpec.of("rate", OptionSpec.Type.DECIMAL, "30", "slew rate in degrees per second"),
          OptionSpec.of("azimuthMax", OptionSpec.Type.DECIMAL, "450", "the end of azimuth travel"),
          OptionSpec.of("operations", OptionSpec.Type.STRING, "all",
              "the rotator operations offered, comma-separated, or all")));

  @Override
  public DriverDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public RotatorDriver createRotator(DriverContext context) {
    TestRotator rotator = new TestRotator(context);
    TestDevices.register(context.options().string("id"), rotator);
    return rotator;
  }

  @Override
  public RadioDriver createRadio(DriverContext context) {
    TestRadio radio = new TestRadio(context);
    TestDevices.register(context.options().string("id"), radio);
    return radio;
  }
}
