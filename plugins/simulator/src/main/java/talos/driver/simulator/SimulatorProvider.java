package talos.driver.simulator;

import talos.driver.DriverContext;
import talos.driver.DriverDescriptor;
import talos.driver.DriverProvider;
import talos.driver.OptionSpec;
import talos.driver.OptionSpec.Type;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorOperation;

import java.util.EnumSet;
import java.util.List;

import static talos.driver.simulator.SimulatorSettings.AZIMUTH_MAX;
import static talos.driver.simulator.SimulatorSettings.AZIMUTH_MIN;
import static talos.driver.simulator.SimulatorSettings.AZIMUTH_RATE;
import static talos.driver.simulator.SimulatorSettings.ELEVATION_MAX;
import static talos.driver.simulator.SimulatorSettings.ELEVATION_MIN;
import static talos.driver.simulator.SimulatorSettings.ELEVATION_RATE;
import static talos.driver.simulator.SimulatorSettings.FAULT_DISCONNECT_AFTER;
import static talos.driver.simulator.SimulatorSettings.FAULT_SLOW_REPLIES;
import static talos.driver.simulator.SimulatorSettings.FAULT_STALL;
import static talos.driver.simulator.SimulatorSettings.FRAME_INTERVAL;
import static talos.driver.simulator.SimulatorSettings.PARK_AZIMUTH;
import static talos.driver.simulator.SimulatorSettings.PARK_ELEVATION;
import static talos.driver.simulator.SimulatorSettings.REPLY_DELAY;
import static talos.driver.simulator.SimulatorSettings.RESOLUTION;
import static talos.driver.simulator.SimulatorSettings.START_AZIMUTH;
import static talos.driver.simulator.SimulatorSettings.START_ELEVATION;

/**
 * The {@code simulator} driver: a simulated rotator and radio with no hardware behind them, for
 * demonstrations, tests and as the example of a driver plugin.
 */
public final class SimulatorProvider implements DriverProvider {

  /** The name configurations use to pick this driver. */
  public static final String NAME = "simulator";

  private static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.of(AZIMUTH_MIN, Type.DECIMAL, "0", "lowest azimuth of the travel, in degrees"),
      OptionSpec.of(AZIMUTH_MAX, Type.DECIMAL, "450", "highest azimuth of the travel, in degrees"),
      OptionSpec.of(ELEVATION_MIN, Type.DECIMAL, "0", "lowest elevation of the travel, in degrees"),
      OptionSpec.of(ELEVATION_MAX, Type.DECIMAL, "180",
          "highest elevation of the travel, in degrees"),
      OptionSpec.of(AZIMUTH_RATE, Type.DECIMAL, "6", "azimuth slew rate, in degrees per second"),
      OptionSpec.of(ELEVATION_RATE, Type.DECIMAL, "6",
          "elevation slew rate, in degrees per second"),
      OptionSpec.of(RESOLUTION, Type.DECIMAL, "0.1",
          "step in degrees that targets and reported positions are rounded to"),
      OptionSpec.of(PARK_AZIMUTH, Type.DECIMAL, "0", "azimuth of the device's park position"),
      OptionSpec.of(PARK_ELEVATION, Type.DECIMAL, "90", "elevation of the device's park position"),
      OptionSpec.of(START_AZIMUTH, Type.DECIMAL, "0", "azimuth the rotator starts at"),
      OptionSpec.of(START_ELEVATION, Type.DECIMAL, "90", "elevation the rotator starts at"),
      OptionSpec.of(REPLY_DELAY, Type.DURATION, "5ms", "how long the device takes to answer"),
      OptionSpec.of(FAULT_STALL, Type.BOOLEAN, "false",
          "fault: the motors do not move though commands are accepted"),
      OptionSpec.of(FAULT_SLOW_REPLIES, Type.DURATION, "0ms",
          "fault: extra time added to every reply"),
      OptionSpec.of(FAULT_DISCONNECT_AFTER, Type.INTEGER, "0",
          "fault: the link drops after this many commands on one connection; 0 never"),
      OptionSpec.of(FRAME_INTERVAL, Type.STRING, "2s",
          "radio: time between telemetry frames received while setpoints tune it (a session),"
              + " such as 500ms or 2s; 0 or off for none"));

  private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor(NAME, version(),
      "simulated rotator and radio with slew rates, reply latency, fault injection and received"
          + " telemetry frames",
      new RotatorCapabilities(new Range(0, 450), new Range(0, 180),
          EnumSet.allOf(RotatorOperation.class), 6, 6),
      SimulatedRadio.CAPABILITIES, OPTIONS);

  /**
   * What the simulator can do with its default options; a device's own {@link
   * SimulatedRotator#capabilities()} follow its configured travel and rates.
   */
  @Override
  public DriverDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a rotator standing at the configured start position; it does nothing until opened.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#CONFIGURATION}
   *     naming an option whose value cannot work, such as a travel range upside down
   */
  @Override
  public SimulatedRotator createRotator(DriverContext context) {
    return new SimulatedRotator(context, SimulatorSettings.from(context.options()));
  }

  /**
   * Creates a radio on 145.8 MHz FM; it does nothing until opened.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#CONFIGURATION}
   *     naming an option whose value cannot work
   */
  @Override
  public SimulatedRadio createRadio(DriverContext context) {
    return new SimulatedRadio(context, SimulatorSettings.from(context.options()));
  }

  private static String version() {
    String version = SimulatorProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
