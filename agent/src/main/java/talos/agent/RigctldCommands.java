package talos.agent;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The radio's side of the front door: the commands of Hamlib's {@code rigctld} that programs such
 * as Gpredict, the SatNOGS client and {@code rigctl -m 2} use, carried out through the station's
 * guarded radio. Reading is always allowed; tuning and setting the mode only with the radio's lock.
 * The agent never transmits: {@code T 1} is refused.
 *
 * <p>Each connection has its own current VFO ({@code V}) and split setting ({@code S}): the
 * receive VFO ({@code VFOA}, {@code Main}) tunes the downlink, the transmit VFO ({@code VFOB},
 * {@code Sub}) the uplink of a radio that has one. A VFO named before a command's arguments, as
 * {@code rigctld --vfo} clients write them, is taken as that command's VFO.
 */
final class RigctldCommands implements FrontDoor.Commands {

  private static final Logger LOG = LoggerFactory.getLogger(RigctldCommands.class);

  /** The one-letter commands and their long names. */
  private static final Map<Character, String> SHORT_NAMES = Map.ofEntries(
      Map.entry('F', "set_freq"), Map.entry('f', "get_freq"), Map.entry('M', "set_mode"),
      Map.entry('m', "get_mode"), Map.entry('V', "set_vfo"), Map.entry('v', "get_vfo"),
      Map.entry('T', "set_ptt"), Map.entry('t', "get_ptt"), Map.entry('S', "set_split_vfo"),
      Map.entry('s', "get_split_vfo"), Map.entry('I', "set_split_freq"),
      Map.entry('i', "get_split_freq"), Map.entry('_', "get_info"), Map.entry('q', "quit"),
      Map.entry('Q', "quit"));
  /** The arguments each command takes, not counting a VFO before them. */
  private static final Map<String, Integer> ARGUMENTS = Map.ofEntries(
      Map.entry("set_freq", 1), Map.entry("get_freq", 0), Map.entry("set_mode", 2),
      Map.entry("get_mode", 0), Map.entry("set_ptt", 1), Map.entry("get_ptt", 0),
      Map.entry("set_split_vfo", 2), Map.entry("get_split_vfo", 0),
      Map.entry("set_split_freq", 1), Map.entry("get_split_freq", 0));
  /** Hamlib's names of the VFO that receives. */
  private static final Set<String> RECEIVE_VFOS = Set.of("vfoa", "main", "maina", "currvfo", "vfo",
      "rx");
  /** Hamlib's names of the VFO that transmits in split. */
  private static final Set<String> TRANSMIT_VFOS = Set.of("vfob", "sub", "suba", "subb", "mainb",
      "tx");
  /** Hamlib's mode names by bit ({@code RIG_MODE_*} of {@code rig.h}; bit 20 is unused). */
  private static final List<String> MODE_BITS = List.of(
      "AM", "CW", "USB", "LSB", "RTTY", "FM", "WFM", "CWR", "RTTYR", "AMS",
      "PKTLSB", "PKTUSB", "PKTFM", "ECSSUSB", "ECSSLSB", "FAX", "SAM", "SAL", "SAH", "DSB",
      "", "FMN", "PKTAM", "P25", "D-STAR", "DPMR", "NXDN-VN", "NXDN-N", "DCR", "AMN",
      "PSK", "PSKR", "DD", "C4FM", "PKTFMN", "SPEC", "CWN", "IQ", "ISBUSB", "ISBLSB");
  /** The model {@code \dump_state} names: Hamlib's network radio. */
  private static final int MODEL = 2;
  /** {@code RIG_VFO_A | RIG_VFO_B}. */
  private static final String RANGE_VFOS = "0x3";

  private final GuardedRadio radio;
  private final Arbiter arbiter;
  private final StationController controller;
  private final Clock clock;

  RigctldCommands(GuardedRadio radio, Arbiter arbiter, StationController controller, Clock clock) {
    this.radio = radio;
    this.arbiter = arbiter;
    this.controller = controller;
    this.clock = clock;
  }

  @Override
  public DeviceKind device() {
    return DeviceKind.RADIO;
  }

  @Override
  public Map<Character, String> shortNames() {
    return SHORT_NAMES;
  }

  @Override
  public Future<HamlibReply> handle(HamlibCommand command, FrontDoor.Client client) {
    List<String> args = command.args();
    String vfo = client.vfo();
    Integer expected = ARGUMENTS.get(command.name());
    if (expected != null && args.size() == expected + 1 && isVfo(args.get(0))) {
      vfo = args.get(0);
      args = args.subList(1, args.size());
    }
    if (expected != null && args.size() != expected && !isOptionalPassband(command, args)) {
      return reply(HamlibReply.error(HamlibReply.INVALID));
    }
    return switch (command.name()) {
      case "set_freq" -> tune(client, isTransmit(vfo), args.get(0));
      case "get_freq" -> isTransmit(vfo) ? uplink("Frequency")
          : radio.frequency().map(hertz -> HamlibReply.values("Frequency", String.valueOf(hertz)));
      case "set_mode" -> setMode(client, args);
      case "get_mode" -> radio.mode().map(mode -> HamlibReply.values("Mode", mode,
          "Passband", "0"));
      case "set_vfo" -> setVfo(client, args);
      case "get_vfo" -> reply(HamlibReply.values("VFO", client.vfo()));
      case "set_ptt" -> setPtt(client, args.get(0));
      case "get_ptt" -> reply(HamlibReply.values("PTT", "0"));
      case "set_split_vfo" -> setSplit(client, args);
      case "get_split_vfo" -> reply(HamlibReply.values("Split", client.split() ? "1" : "0",
          "TX VFO", client.transmitVfo()));
      case "set_split_freq" -> tune(client, true, args.get(0));
      case "get_split_freq" -> uplink("TX Frequency");
      case "get_info" -> reply(HamlibReply.values("Info",
          StationAgent.name() + " radio (" + radio.driverName() + ")"));
      case "dump_state" -> reply(dumpState());
      case "chk_vfo" -> reply(HamlibReply.values("ChkVFO", "0"));
      case "get_powerstat" -> reply(HamlibReply.values("Power Status", "1"));
      case "get_lock_mode" -> reply(HamlibReply.values("Locked", "0"));
      default -> reply(HamlibReply.error(HamlibReply.NOT_IMPLEMENTED));
    };
  }

  private Future<HamlibReply> tune(FrontDoor.Client client, boolean transmit, String argument) {
    Double hertz = FrontDoor.number(argument);
    if (hertz == null || hertz < 1 || hertz > 300e9) {
      return reply(HamlibReply.error(HamlibReply.INVALID));
    }
    long rounded = Math.round(hertz);
    if (transmit) {
      return changing(client, () -> radio.tuneUplink(rounded));
    }
    return changing(client, () -> radio.tune(rounded));
  }

  private Future<HamlibReply> uplink(String label) {
    if (!radio.supports(RadioOperation.SET_UPLINK_FREQUENCY)) {
      return reply(HamlibReply.error(HamlibReply.NOT_AVAILABLE));
    }
    return reply(HamlibReply.values(label, String.valueOf(radio.uplink().orElse(0L))));
  }

  private Future<HamlibReply> setMode(FrontDoor.Client client, List<String> args) {
    String mode = args.get(0);
    if (mode.equals("?")) {
      return reply(HamlibReply.lines(List.of(String.join(" ",
          radio.capabilities().modes().stream().sorted().toList()))));
    }
    if (args.size() > 1 && FrontDoor.number(args.get(1)) == null) {
      return reply(HamlibReply.error(HamlibReply.INVALID));
    }
    return changing(client, () -> radio.setMode(mode));
  }

  private Future<HamlibReply> setVfo(FrontDoor.Client client, List<String> args) {
    if (args.size() != 1 || !isVfo(args.get(0))) {
      return reply(HamlibReply.error(HamlibReply.INVALID));
    }
    if (isTransmit(args.get(0)) && !radio.supports(RadioOperation.SET_UPLINK_FREQUENCY)) {
      return reply(HamlibReply.error(HamlibReply.NOT_AVAILABLE));
    }
    client.vfo(args.get(0));
    return reply(HamlibReply.ok());
  }

  private Future<HamlibReply> setPtt(FrontDoor.Client client, String ptt) {
    if (ptt.equals("0")) {
      return reply(HamlibReply.ok());
    }
    LOG.warn("local command refused [device: radio, client: {}, reason: the agent does not key"
        + " the transmitter (PTT {})]", client.address(), ptt);
    return reply(HamlibReply.error(HamlibReply.NOT_AVAILABLE));
  }

  private Future<HamlibReply> setSplit(FrontDoor.Client client, List<String> args) {
    String split = args.get(0);
    if (!(split.equals("0") || split.equals("1")) || !isVfo(args.get(1))) {
      return reply(HamlibReply.error(HamlibReply.INVALID));
    }
    if (split.equals("1") && !radio.supports(RadioOperation.SET_UPLINK_FREQUENCY)) {
      return reply(HamlibReply.error(HamlibReply.NOT_AVAILABLE));
    }
    client.split(split.equals("1"), args.get(1));
    return reply(HamlibReply.ok());
  }

  private Future<HamlibReply> changing(FrontDoor.Client client, Supplier<Future<Void>> action) {
    if (arbiter.claim(DeviceKind.RADIO, client.address(), clock.instant()).isPresent()) {
      return reply(HamlibReply.error(HamlibReply.REJECTED));
    }
    controller.handOver(DeviceKind.RADIO);
    return action.get().map(done -> HamlibReply.ok());
  }

  /**
   * The answer of {@code rigctld}'s protocol 1: the ranges the radio may be tuned to with its
   * modes, the same as transmit ranges when it tunes an uplink, a step of 1 Hz, no filters, levels
   * or functions, then what it can do as key=value.
   */
  private HamlibReply dumpState() {
    String modes = "0x" + Long.toHexString(modeBits());
    List<String> ranges = new ArrayList<>();
    for (Range range : radio.allowedFrequencies()) {
      ranges.add(String.format(Locale.ROOT, "%.6f %.6f %s -1 -1 %s 0x1", range.min(), range.max(),
          modes, RANGE_VFOS));
    }
    String end = "0 0 0 0 0 0 0";
    List<String> lines = new ArrayList<>(List.of("1", String.valueOf(MODEL), "0"));
    lines.addAll(ranges);
    lines.add(end);
    if (radio.supports(RadioOperation.SET_UPLINK_FREQUENCY)) {
      lines.addAll(ranges);
    }
    lines.add(end);
    lines.addAll(List.of(modes + " 1", "0 0", "0 0", "0", "0", "0", "0", "", "",
        "0x0", "0x0", "0x0", "0x0", "0x0", "0x0",
        "vfo_ops=0x0", "ptt_type=0x0", "targetable_vfo=0x0", "has_set_vfo=1", "has_get_vfo=1",
        "has_set_freq=" + flag(RadioOperation.SET_FREQUENCY),
        "has_get_freq=" + flag(RadioOperation.GET_FREQUENCY),
        "timeout=0", "rig_model=" + MODEL, "rigctld_version=" + StationAgent.name(), "done"));
    return HamlibReply.lines(lines);
  }

  private long modeBits() {
    long bits = 0;
    for (String mode : radio.capabilities().modes()) {
      int bit = MODE_BITS.indexOf(mode.toUpperCase(Locale.ROOT));
      if (bit >= 0) {
        bits |= 1L << bit;
      }
    }
    return bits;
  }

  private String flag(RadioOperation operation) {
    return radio.supports(operation) ? "1" : "0";
  }

  private static boolean isOptionalPassband(HamlibCommand command, List<String> args) {
    return command.name().equals("set_mode") && args.size() == 1;
  }

  private static boolean isVfo(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RECEIVE_VFOS.contains(lower) || TRANSMIT_VFOS.contains(lower);
  }

  private static boolean isTransmit(String vfo) {
    return TRANSMIT_VFOS.contains(vfo.toLowerCase(Locale.ROOT));
  }

  private static Future<HamlibReply> reply(HamlibReply reply) {
    return Future.succeededFuture(reply);
  }
}
