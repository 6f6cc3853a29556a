package talos.driver.hamlib;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.RadioCapabilities;
import talos.driver.RadioDriver;
import talos.driver.RadioOperation;
import talos.driver.Range;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A radio behind {@code rigctld}: {@code F}/{@code f} tune and read the receive frequency,
 * {@code M mode passband}/{@code m} set and read the mode, and the uplink is tuned in split: the
 * first uplink on a connection turns split on with {@code S 1 VFOB} (the {@code uplinkVfo} option),
 * then {@code I freq} tunes it. On every new connection it asks {@code \dump_state} for the receive
 * ranges, the modes and whether the radio transmits at all (unless the {@code dumpState} option is
 * false); when the daemon does not offer it, the configured {@code frequencyMin},
 * {@code frequencyMax} and {@code modes} are used.
 */
public final class HamlibRadio implements RadioDriver {

  private static final Logger LOG = LoggerFactory.getLogger(HamlibRadio.class);

  private final String device;
  private final String peer;
  private final HamlibSettings settings;
  private final HamlibLink link;
  private volatile RadioCapabilities capabilities;
  private volatile boolean askDumpState;
  private volatile String rangeSource = "configured";
  /** Whether split is on, on this connection; read and written on the device's thread. */
  private boolean split;

  HamlibRadio(DriverContext context, HamlibSettings settings) {
    this.device = context.deviceName();
    this.peer = settings.peer(DeviceKind.RADIO);
    this.settings = settings;
    this.askDumpState = settings.dumpState();
    this.capabilities = capabilities(List.of(settings.frequencies()), settings.modes(), true);
    this.link = new HamlibLink(device, peer, settings, context.executor(), context.clock(),
        this::greet);
  }

  /**
   * The receive ranges and modes from the daemon's {@code dump_state} once it has answered, the
   * configured ones until then or when it does not offer it. The uplink is offered when a VFO is
   * configured for it and the radio has transmit ranges (or does not tell).
   */
  @Override
  public RadioCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public CompletionStage<Void> open() {
    return link.open();
  }

  /** Reads the receive frequency with {@code f}. */
  @Override
  public CompletionStage<Long> frequency() {
    return link.call("f", connection -> {
      connection.send("f");
      return Math.round(Replies.number(connection, Replies.firstValue(connection), "frequency"));
    });
  }

  /** Tunes the receive frequency with {@code F hertz}. */
  @Override
  public CompletionStage<Void> setFrequency(long hertz) {
    return set("F " + hertz);
  }

  /**
   * Tunes the transmit frequency with {@code I hertz}, after turning split on with
   * {@code S 1 vfo} once per connection.
   *
   * @return a stage failed with {@link FailureCode#NOT_AVAILABLE} when no uplink VFO is configured
   *     or the radio refuses split
   */
  @Override
  public CompletionStage<Void> setUplinkFrequency(long hertz) {
    String vfo = settings.uplinkVfo();
    if (vfo == null) {
      return CompletableFuture.failedFuture(new DriverException(FailureCode.NOT_AVAILABLE,
          device + " has no uplink: option " + HamlibSettings.UPLINK_VFO + " is none"));
    }
    String command = "I " + hertz;
    return link.call(command, connection -> {
      if (!split) {
        connection.send("S 1 " + vfo);
        Replies.expectOk(connection);
        split = true;
        LOG.info("split on [device: {}, uplink vfo: {}]", device, vfo);
      }
      connection.send(command);
      Replies.expectOk(connection);
      return null;
    });
  }

  /** Reads the transmit frequency with {@code i}; not part of the driver API. */
  public CompletionStage<Long> uplinkFrequency() {
    return link.call("i", connection -> {
      connection.send("i");
      return Math.round(Replies.number(connection, Replies.firstValue(connection),
          "uplink frequency"));
    });
  }

  /** Reads the mode with {@code m}; the passband that follows it is read and left out. */
  @Override
  public CompletionStage<String> mode() {
    return link.call("m", connection -> {
      connection.send("m");
      String mode = Replies.firstValue(connection).trim();
      if (!isModeName(mode)) {
        throw Replies.unexpected(connection, mode, "a mode name");
      }
      Replies.number(connection, connection.readLine(), "passband");
      return mode;
    });
  }

  /**
   * Sets the mode with {@code M mode passband}, the passband from the {@code passband} option.
   *
   * @return a stage failed with {@link FailureCode#INVALID_ARGUMENT} for a name that is not a
   *     Hamlib mode name (letters, digits and dashes)
   */
  @Override
  public CompletionStage<Void> setMode(String mode) {
    if (mode == null || !isModeName(mode)) {
      return CompletableFuture.failedFuture(new DriverException(FailureCode.INVALID_ARGUMENT,
          "mode " + (mode == null ? null : Replies.excerpt(mode)) + " is not a Hamlib mode name"
              + " such as FM or PKTUSB"));
    }
    return set("M " + mode + " " + settings.passband());
  }

  /** The link's health; while connected, the detail says where the ranges came from. */
  @Override
  public DriverHealth health() {
    return link.health("ranges " + rangeSource);
  }

  @Override
  public void close() {
    link.close();
  }

  private CompletionStage<Void> set(String command) {
    return link.call(command, connection -> {
      connection.send(command);
      Replies.expectOk(connection);
      return null;
    });
  }

  private static boolean isModeName(String mode) {
    return mode.matches("[A-Za-z0-9][A-Za-z0-9-]{0,15}");
  }

  /** Learns the ranges on a new connection, where split starts off. */
  private void greet(Connection connection) {
    split = false;
    if (!askDumpState) {
      return;
    }
    try {
      connection.send("\\dump_state");
      RigDump dump = RigDump.read(connection);
      if (dump.frequencies().isEmpty() || dump.modes().isEmpty()) {
        throw new DriverException(FailureCode.PROTOCOL, peer + " reported no receive range"
            + " or no mode in its dump_state");
      }
      capabilities = capabilities(dump.frequencies(), dump.modes(), dump.transmits());
      rangeSource = "from " + peer + " (model " + dump.model() + ")";
      LOG.info("radio ranges read [device: {}, model: {}, ranges: {}, modes: {}, transmits: {}]",
          device, dump.model(), dump.frequencies(), dump.modes(), dump.transmits());
    } catch (HamlibException e) {
      notOffered(e);
    } catch (DriverException e) {
      if (e.code() == FailureCode.IO) {
        throw e;
      }
      notOffered(e);
      throw e;
    }
  }

  private void notOffered(DriverException cause) {
    askDumpState = false;
    rangeSource = "configured, as " + peer + " does not offer \\dump_state";
    LOG.warn("dump_state not offered, using the configured ranges and modes [device: {},"
        + " frequencies: {}, modes: {}, reason: {}]", device, settings.frequencies(),
        settings.modes(), cause);
  }

  private RadioCapabilities capabilities(List<Range> frequencies, Set<String> modes,
                                         boolean transmits) {
    Set<RadioOperation> operations = EnumSet.allOf(RadioOperation.class);
    if (!transmits || settings.uplinkVfo() == null) {
      operations.remove(RadioOperation.SET_UPLINK_FREQUENCY);
    }
    return new RadioCapabilities(frequencies, modes, operations);
  }
}
