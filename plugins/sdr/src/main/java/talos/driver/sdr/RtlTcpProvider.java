package talos.driver.sdr;

import talos.driver.DriverContext;
import talos.driver.DriverDescriptor;
import talos.driver.DriverProvider;
import talos.driver.OptionSpec;
import talos.driver.OptionSpec.Type;
import talos.driver.RadioCapabilities;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static talos.driver.sdr.RtlTcpSettings.AGC;
import static talos.driver.sdr.RtlTcpSettings.BIAS_TEE;
import static talos.driver.sdr.RtlTcpSettings.BLOCK_SAMPLES;
import static talos.driver.sdr.RtlTcpSettings.FREQUENCY;
import static talos.driver.sdr.RtlTcpSettings.FREQUENCY_MAX;
import static talos.driver.sdr.RtlTcpSettings.FREQUENCY_MIN;
import static talos.driver.sdr.RtlTcpSettings.GAIN;
import static talos.driver.sdr.RtlTcpSettings.HOST;
import static talos.driver.sdr.RtlTcpSettings.OFFSET;
import static talos.driver.sdr.RtlTcpSettings.PORT;
import static talos.driver.sdr.RtlTcpSettings.PPM;
import static talos.driver.sdr.RtlTcpSettings.RECONNECT_INITIAL;
import static talos.driver.sdr.RtlTcpSettings.RECONNECT_MAX;
import static talos.driver.sdr.RtlTcpSettings.RETRIES;
import static talos.driver.sdr.RtlTcpSettings.SAMPLE_RATE;
import static talos.driver.sdr.RtlTcpSettings.TIMEOUT;

/**
 * The {@code rtl_tcp} driver: an RTL-SDR receiver through rtl_tcp, the network server of the
 * rtl-sdr tools, which runs beside the receiver and streams its samples over TCP. The radio
 * follows the downlink frequency the agent tunes and offers its I/Q samples through
 * {@link talos.driver.IqSource}.
 */
public final class RtlTcpProvider implements DriverProvider {

  /** The name configurations use to pick this driver. */
  public static final String NAME = "rtl_tcp";

  private static final List<OptionSpec> OPTIONS = List.of(
      OptionSpec.of(HOST, Type.STRING, "127.0.0.1", "host of rtl_tcp"),
      OptionSpec.of(PORT, Type.INTEGER, "1234", "TCP port of rtl_tcp"),
      OptionSpec.of(TIMEOUT, Type.DURATION, "2s",
          "how long connecting, the header and any pause in the samples may take, 50ms to 60s"),
      OptionSpec.of(RETRIES, Type.INTEGER, "1",
          "how many more times a call is tried after a lost connection, 0 to 10"),
      OptionSpec.of(RECONNECT_INITIAL, Type.DURATION, "500ms",
          "first delay before trying again or reconnecting; it doubles on each failure"),
      OptionSpec.of(RECONNECT_MAX, Type.DURATION, "30s",
          "longest delay before trying again or reconnecting"),
      OptionSpec.of(FREQUENCY, Type.INTEGER, "100000000",
          "the frequency tuned when opened, before the first setpoint, in hertz"),
      OptionSpec.of(SAMPLE_RATE, Type.INTEGER, "2048000",
          "samples per second: 225001 to 300000 or 900001 to 3200000"),
      OptionSpec.of(GAIN, Type.STRING, "auto", "tuner gain: auto, or decibels such as 29.7"),
      OptionSpec.of(PPM, Type.INTEGER, "0", "the crystal's error in parts per million"),
      OptionSpec.of(AGC, Type.BOOLEAN, "false", "the RTL2832's digital AGC"),
      OptionSpec.of(BIAS_TEE, Type.BOOLEAN, "false",
          "power an LNA over the coax (RTL-SDR Blog V3 and later)"),
      OptionSpec.of(OFFSET, Type.INTEGER, "0",
          "hertz added to every frequency tuned, to keep the signal off the DC spike"),
      OptionSpec.of(BLOCK_SAMPLES, Type.INTEGER, "16384",
          "samples in each block handed to subscribers, 256 to 1048576"),
      OptionSpec.of(FREQUENCY_MIN, Type.INTEGER, "24000000",
          "lowest frequency, in hertz, when rtl_tcp reports an unknown tuner"),
      OptionSpec.of(FREQUENCY_MAX, Type.INTEGER, "1766000000",
          "highest frequency, in hertz, when rtl_tcp reports an unknown tuner"));

  private static final DriverDescriptor DESCRIPTOR = new DriverDescriptor(NAME, version(),
      "an RTL-SDR receiver through rtl_tcp, with its I/Q samples", null,
      new RadioCapabilities(List.of(new Range(0, RtlTcpSettings.MAX_FREQUENCY)),
          Set.of(RtlTcpRadio.MODE), EnumSet.of(RadioOperation.GET_FREQUENCY,
          RadioOperation.SET_FREQUENCY, RadioOperation.GET_MODE, RadioOperation.SET_MODE)),
      OPTIONS);

  /** What the driver can do with any receiver; a radio's ranges come from its tuner. */
  @Override
  public DriverDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Creates a radio that talks to rtl_tcp; it connects when opened.
   *
   * @throws talos.driver.DriverException with {@link talos.driver.FailureCode#CONFIGURATION}
   *     naming an option whose value cannot work
   */
  @Override
  public RtlTcpRadio createRadio(DriverContext context) {
    return new RtlTcpRadio(context, RtlTcpSettings.from(context.options()));
  }

  private static String version() {
    String version = RtlTcpProvider.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
