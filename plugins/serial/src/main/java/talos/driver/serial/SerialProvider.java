package talos.driver.serial;

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

import static talos.driver.serial.SerialSettings.AZIMUTH_MAX;
import static talos.driver.serial.SerialSettings.AZIMUTH_MIN;
import static talos.driver.serial.SerialSettings.AZIMUTH_RATE;
import static talos.driver.serial.SerialSettings.BAUD;
import static talos.driver.serial.SerialSettings.DATA_BITS;
import static talos.driver.serial.SerialSettings.ELEVATION_MAX;
import static talos.driver.serial.SerialSettings.ELEVATION_MIN;
import static talos.driver.serial.SerialSettings.ELEVATION_RATE;
import static talos.driver.serial.SerialSettings.OPEN_DELAY;
import static talos.driver.serial.SerialSettings.PARITY;
import static talos.driver.serial.SerialSettings.POLL_INTERVAL;
import static talos.driver.serial.SerialSettings.PORT;
import static talos.driver.serial.SerialSettings.PROTOCOL;
import static talos.driver.serial.SerialSettings.RECONNECT_INITIAL;
import static talos.driver.serial.SerialSettings.RECONNECT_MAX;
import static talos.driver.serial.SerialSettings.RETRIES;
import static talos.driver.serial.SerialSettings.STOP_BITS;
import static talos.driver.serial.SerialSettings.TIMEOUT;
import static talos.driver.serial.SerialSettings.WRITE_GAP;

/**
 * The {@code serial} driver: a rotator controller on a serial port of the agent's machine,
 * spoken to directly in its own protocol, chosen with the {@code protocol} option: Yaesu GS-232A
 * or GS-232B, or Easycomm II.
 */
public final class SerialProvider implements DriverProvider {

  /** The name configurations use to pick this driver. */
  public static final String NAME = "serial";

  private static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.required(PROTOCOL, Type.STRING,
          "the controller's command set: " + Protocol.names()),
      OptionSpec.required(PORT, Type.STRING,
          "the serial device, such as /dev/ttyUSB0 or /dev/serial/by-id/…"),
      OptionSpec.of(BAUD, Type.INTEGER, "9600", "line speed in bits per second"),
      OptionSpec.of(DATA_BITS, Type.INTEGER, "8", "data bits, 5 to 8"),
      OptionSpec.of(PARITY, Type.STRING, "none", "parity: none, even, odd, mark or space"),
      OptionSpec.of(STOP_BITS, Type.STRING, "1", "stop bits: 1, 1.5 or 2"),
      OptionSpec.of(TIMEOUT, Type.DURATION, "1s",
          "how long the controller may take to answer, from 50ms to 60s"),
      OptionSpec.of(WRITE_GAP, Type.DURATION, "50ms",
          "the least time between two commands, for slow controllers; 0ms to 5s"),
      OptionSpec.of(POLL_INTERVAL, Type.DURATION, "2s",
          "how often an idle link reads the position to watch the controller; 0ms for never"),
      OptionSpec.of(OPEN_DELAY, Type.DURATION, "0ms",
          "how long to wait after opening the port, for boards that reset then (2s for an"
              + " Arduino); 0ms to 30s"),
      OptionSpec.of(RETRIES, Type.INTEGER, "1",
          "how many more times a call is tried after a timeout or a port error, 0 to 10"),
      OptionSpec.of(RECONNECT_INITIAL, Type.DURATION, "500ms",
          "first delay before trying again or reopening; it doubles on each failure"),
      OptionSpec.of(RECONNECT_MAX, Type.DURATION, "30s",
          "longest delay before trying again or reopening"),
      OptionSpec.of(AZIMUTH_MIN, Type.DECIMAL, "0", "lowest azimuth the rotator turns to"),
      OptionSpec.of(AZIMUTH_MAX, Type.DECIMAL, "360",
          "highest azimuth the rotator turns to (450 for an overlap rotator)"),
      OptionSpec.of(ELEVATION_MIN, Type.DECIMAL, "0", "lowest elevation"),
      OptionSpec.of(ELEVATION_MAX, Type.DECIMAL, "90",
          "highest elevation (180 for a flip rotator)"),
      OptionSpec.of(AZIMUTH_RATE, Type.DECIMAL, "0",
          "azimuth slew rate in degrees per second; 0 when unknown"),
      OptionSpec.of(ELEVATION_RATE, Type.DECIMAL, "0",
          "elevation slew rate in degrees per second; 0 when unknown"));

  private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor(NAME, version(),
      "rotator controllers on a serial port: Yaesu GS-232A and GS-232B, Easycomm II",
      new RotatorCapabilities(new Range(-180, 540), new Range(-90, 180),
          EnumSet.of(RotatorOperation.GET_POSITION, RotatorOperation.SET_POSITION,
              RotatorOperation.STOP), 0, 0),
      null, OPTIONS);

  /**
   * What the driver can do with any controller; a rotator's own capabilities follow its options.
   */
  @Override
  public DriverDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a rotator on the configured port; the port is opened when the rotator is opened.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#CONFIGURATION}
   *     naming an option whose value cannot work
   */
  @Override
  public SerialRotator createRotator(DriverContext context) {
    return new SerialRotator(context, SerialSettings.from(context.options()),
        JSerialCommLine::open);
  }

  private static String version() {
    String version = SerialProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
