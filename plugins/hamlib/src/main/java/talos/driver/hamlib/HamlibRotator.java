package talos.driver.hamlib;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DeviceKind;
import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorDriver;
import talos.driver.RotatorOperation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * A rotator behind {@code rotctld}, driven with the short commands every version and every
 * firmware that speaks its protocol accepts: {@code P az el} to move, {@code p} to read the
 * position, {@code S} to stop and {@code K} to park. On every new connection it asks
 * {@code \dump_state} for the travel limits (unless the {@code dumpState} option is false); a
 * daemon that does not offer it, answering with an error or not at all, is not asked again and the
 * configured travel is used.
 */
public final class HamlibRotator implements RotatorDriver {

  private static final Logger LOG = LoggerFactory.getLogger(HamlibRotator.class);

  private final String device;
  private final String peer;
  private final HamlibSettings settings;
  private final HamlibLink link;
  private volatile RotatorCapabilities capabilities;
  private volatile boolean askDumpState;
  private volatile String travelSource = "configured";

  HamlibRotator(DriverContext context, HamlibSettings settings) {
    this.device = context.deviceName();
    this.peer = settings.peer(DeviceKind.ROTATOR);
    this.settings = settings;
    this.askDumpState = settings.dumpState();
    this.capabilities = capabilities(settings.azimuth(), settings.elevation());
    this.link = new HamlibLink(device, peer, settings, context.executor(), context.clock(),
        this::greet);
  }

  /**
   * The travel from the daemon's {@code dump_state} once it has answered, the configured travel
   * until then or when it does not offer it; every operation; the configured slew rates.
   */
  @Override
  public RotatorCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public CompletionStage<Void> open() {
    return link.open();
  }

  /**
   * Reads the position with {@code p}.
   *
   * @return a stage with the azimuth and elevation the daemon reports
   */
  @Override
  public CompletionStage<Position> position() {
    return link.call("p", connection -> {
      connection.send("p");
      double azimuth = Replies.number(connection, Replies.firstValue(connection), "azimuth");
      double elevation = Replies.number(connection, connection.readLine(), "elevation");
      return new Position(azimuth, elevation);
    });
  }

  /**
   * Sends {@code P az el}, to a hundredth of a degree.
   *
   * @return a stage that fails with {@link FailureCode#INVALID_ARGUMENT} when the daemon refuses
   *     the position ({@code RPRT -1}), as outside the rotator's limits
   */
  @Override
  public CompletionStage<Void> moveTo(Position target) {
    return set(move(target));
  }

  /** Sends {@code S}. */
  @Override
  public CompletionStage<Void> stop() {
    return set("S");
  }

  /**
   * Drives to the station's park position with {@code P az el}; sends the rotator's own park
   * command {@code K} instead when given no position or when the {@code park} option is
   * {@code command}.
   */
  @Override
  public CompletionStage<Void> park(Position parkPosition) {
    return set(parkPosition == null || settings.parkWithCommand() ? "K" : move(parkPosition));
  }

  /** The link's health; while connected, the detail says where the travel limits came from. */
  @Override
  public DriverHealth health() {
    return link.health("travel " + capabilities.azimuth() + "° azimuth, "
        + capabilities.elevation() + "° elevation, " + travelSource);
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

  private static String move(Position target) {
    return String.format(Locale.ROOT, "P %.2f %.2f", target.azimuth(), target.elevation());
  }

  /** Learns the travel on a new connection; see the class comment. */
  private void greet(Connection connection) {
    if (!askDumpState) {
      return;
    }
    try {
      connection.send("\\dump_state");
      RotatorDump dump = RotatorDump.read(connection);
      capabilities = capabilities(dump.azimuth(), dump.elevation());
      travelSource = "from " + peer + " (model " + dump.model() + ")";
      LOG.info("rotator travel read [device: {}, model: {}, azimuth: {}, elevation: {}]", device,
          dump.model(), dump.azimuth(), dump.elevation());
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
    travelSource = "configured, as " + peer + " does not offer \\dump_state";
    LOG.warn("dump_state not offered, using the configured travel [device: {}, azimuth: {},"
        + " elevation: {}, reason: {}]", device, settings.azimuth(), settings.elevation(), cause);
  }

  private RotatorCapabilities capabilities(Range azimuth, Range elevation) {
    return new RotatorCapabilities(azimuth, elevation, EnumSet.allOf(RotatorOperation.class),
        settings.azimuthRate(), settings.elevationRate());
  }
}
