package talos.driver.hamlib;

import talos.driver.DeviceKind;
import talos.driver.DriverContext;
import talos.driver.DriverDescriptor;
import talos.driver.DriverProvider;
import talos.driver.OptionSpec;
import talos.driver.OptionSpec.Type;
import talos.driver.RadioCapabilities;
import talos.driver.RadioOperation;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorOperation;

import java.util.EnumSet;
import java.util.List;

import static talos.driver.hamlib.HamlibSettings.AZIMUTH_MAX;
import static talos.driver.hamlib.HamlibSettings.AZIMUTH_MIN;
import static talos.driver.hamlib.HamlibSettings.AZIMUTH_RATE;
import static talos.driver.hamlib.HamlibSettings.DUMP_STATE;
import static talos.driver.hamlib.HamlibSettings.ELEVATION_MAX;
import static talos.driver.hamlib.HamlibSettings.ELEVATION_MIN;
import static talos.driver.hamlib.HamlibSettings.ELEVATION_RATE;
import static talos.driver.hamlib.HamlibSettings.FREQUENCY_MAX;
import static talos.driver.hamlib.HamlibSettings.FREQUENCY_MIN;
import static talos.driver.hamlib.HamlibSettings.HOST;
import static talos.driver.hamlib.HamlibSettings.MODES;
import static talos.driver.hamlib.HamlibSettings.PARK;
import static talos.driver.hamlib.HamlibSettings.PASSBAND;
import static talos.driver.hamlib.HamlibSettings.PORT;
import static talos.driver.hamlib.HamlibSettings.RECONNECT_INITIAL;
import static talos.driver.hamlib.HamlibSettings.RECONNECT_MAX;
import static talos.driver.hamlib.HamlibSettings.RETRIES;
import static talos.driver.hamlib.HamlibSettings.TIMEOUT;
import static talos.driver.hamlib.HamlibSettings.UPLINK_VFO;

/**
 * The {@code hamlib} driver: a rotator through Hamlib's {@code rotctld} and a radio through
 * {@code rigctld}, the network daemons that drive the hundreds of rotators and radios Hamlib
 * supports. The daemons run beside the agent, each on its serial port; the driver talks to them
 * over TCP.
 */
public final class HamlibProvider implements DriverProvider {

  /** The name configurations use to pick this driver. */
  public static final String NAME = "hamlib";

  private static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.of(HOST, Type.STRING, "127.0.0.1", "host of rotctld or rigctld"),
      OptionSpec.of(PORT, Type.INTEGER, null,
          "TCP port of the daemon; 4533 (rotctld) for a rotator, 4532 (rigctld) for a radio"),
      OptionSpec.of(TIMEOUT, Type.DURATION, "2s",
          "how long connecting and each command may take, from 50ms to 60s"),
      OptionSpec.of(RETRIES, Type.INTEGER, "1",
          "how many more times a call is tried after a timeout or a lost connection, 0 to 10"),
      OptionSpec.of(RECONNECT_INITIAL, Type.DURATION, "500ms",
          "first delay before trying again or reconnecting; it doubles on each failure"),
      OptionSpec.of(RECONNECT_MAX, Type.DURATION, "30s",
          "longest delay before trying again or reconnecting"),
      OptionSpec.of(DUMP_STATE, Type.BOOLEAN, "true",
          "ask the daemon's \\dump_state for the travel limits, frequency ranges and modes"),
      OptionSpec.of(AZIMUTH_MIN, Type.DECIMAL, "0",
          "rotator: lowest azimuth, in degrees, when the daemon does not tell"),
      OptionSpec.of(AZIMUTH_MAX, Type.DECIMAL, "360",
          "rotator: highest azimuth, in degrees, when the daemon does not tell"),
      OptionSpec.of(ELEVATION_MIN, Type.DECIMAL, "0",
          "rotator: lowest elevation, in degrees, when the daemon does not tell"),
      OptionSpec.of(ELEVATION_MAX, Type.DECIMAL, "90",
          "rotator: highest elevation, in degrees, when the daemon does not tell"),
      OptionSpec.of(AZIMUTH_RATE, Type.DECIMAL, "0",
          "rotator: azimuth slew rate in degrees per second; 0 when unknown"),
      OptionSpec.of(ELEVATION_RATE, Type.DECIMAL, "0",
          "rotator: elevation slew rate in degrees per second; 0 when unknown"),
      OptionSpec.of(PARK, Type.STRING, "position",
          "rotator: park by moving to the station's park position (position) or with the"
              + " rotator's own park command K (command)"),
      OptionSpec.of(FREQUENCY_MIN, Type.INTEGER, "100000",
          "radio: lowest receive frequency, in hertz, when the daemon does not tell"),
      OptionSpec.of(FREQUENCY_MAX, Type.INTEGER, "6000000000",
          "radio: highest receive frequency, in hertz, when the daemon does not tell"),
      OptionSpec.of(MODES, Type.STRING, "AM,FM,USB,LSB,CW,PKTUSB,PKTLSB,PKTFM",
          "radio: the modes, comma-separated, when the daemon does not tell"),
      OptionSpec.of(UPLINK_VFO, Type.STRING, "VFOB",
          "radio: the VFO the uplink is tuned on in split, or none for a radio without uplink"),
      OptionSpec.of(PASSBAND, Type.INTEGER, "0",
          "radio: passband sent with a mode, in hertz; 0 the radio's normal one, -1 unchanged"));

  private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor(NAME, version(),
      "rotators through Hamlib's rotctld and radios through rigctld, over TCP",
      new RotatorCapabilities(HamlibSettings.AZIMUTH_LIMITS, HamlibSettings.ELEVATION_LIMITS,
          EnumSet.allOf(RotatorOperation.class), 0, 0),
      new RadioCapabilities(List.of(new Range(0, 300e9)), HamlibModes.ALL,
          EnumSet.allOf(RadioOperation.class)),
      OPTIONS);

  /**
   * What the driver can do with any daemon; a device's own capabilities come from its daemon's
   * {@code dump_state} or its options.
   */
  @Override
  public DriverDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a rotator that talks to {@code rotctld}; it connects when opened.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#CONFIGURATION}
   *     naming an option whose value cannot work
   */
  @Override
  public HamlibRotator createRotator(DriverContext context) {
    return new HamlibRotator(context, HamlibSettings.from(context.options(), DeviceKind.ROTATOR));
  }

  /**
   * Creates a radio that talks to {@code rigctld}; it connects when opened.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#CONFIGURATION}
   *     naming an option whose value cannot work
   */
  @Override
  public HamlibRadio createRadio(DriverContext context) {
    return new HamlibRadio(context, HamlibSettings.from(context.options(), DeviceKind.RADIO));
  }

  private static String version() {
    String version = HamlibProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
