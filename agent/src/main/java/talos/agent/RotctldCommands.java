package talos.agent;

import io.vertx.core.Future;
import talos.driver.DeviceKind;
import talos.driver.Position;
import talos.driver.Range;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rotator's side of the front door: the commands of Hamlib's {@code rotctld} that programs
 * such as Gpredict and the SatNOGS client use, carried out through the station's guarded rotator.
 * Reading is always allowed; moving, stopping and parking only with the rotator's lock.
 */
final class RotctldCommands implements FrontDoor.Commands {

  /** The one-letter commands and their long names. */
  private static final Map<Character, String> SHORT_NAMES = Map.of(
      'P', "set_pos", 'p', "get_pos", 'S', "stop", 'K', "park", '_', "get_info",
      'q', "quit", 'Q', "quit");
  /** The model {@code \dump_state} names: Hamlib's network rotator. */
  private static final int MODEL = 2;

  private final GuardedRotator rotator;
  private final Arbiter arbiter;
  private final StationController controller;
  private final Clock clock;

  RotctldCommands(GuardedRotator rotator, Arbiter arbiter, StationController controller,
                  Clock clock) {
    this.rotator = rotator;
    this.arbiter = arbiter;
    this.controller = controller;
    this.clock = clock;
  }

  @Override
  public DeviceKind device() {
    return DeviceKind.ROTATOR;
  }

  @Override
  public Map<Character, String> shortNames() {
    return SHORT_NAMES;
  }

  @Override
  public Future<HamlibReply> handle(HamlibCommand command, FrontDoor.Client client) {
    return switch (command.name()) {
      case "get_pos" -> rotator.position().map(position -> HamlibReply.values(
          "Azimuth", angle(position.azimuth()), "Elevation", angle(position.elevation())));
      case "set_pos" -> setPosition(command, client);
      case "stop" -> command.args().isEmpty() ? moving(client, rotator::stop) : invalid();
      case "park" -> command.args().isEmpty() ? moving(client, rotator::park) : invalid();
      case "get_info" -> Future.succeededFuture(HamlibReply.values("Info",
          StationAgent.name() + " rotator (" + rotator.driverName() + ")"));
      case "dump_state" -> Future.succeededFuture(dumpState());
      default -> Future.succeededFuture(HamlibReply.error(HamlibReply.NOT_IMPLEMENTED));
    };
  }

  private Future<HamlibReply> setPosition(HamlibCommand command, FrontDoor.Client client) {
    if (command.args().size() != 2) {
      return invalid();
    }
    Double azimuth = FrontDoor.number(command.args().get(0));
    Double elevation = FrontDoor.number(command.args().get(1));
    if (azimuth == null || elevation == null) {
      return invalid();
    }
    return moving(client, () -> rotator.moveTo(new Position(azimuth, elevation)));
  }

  private Future<HamlibReply> moving(FrontDoor.Client client, Supplier<Future<Void>> action) {
    if (arbiter.claim(DeviceKind.ROTATOR, client.address(), clock.instant()).isPresent()) {
      return Future.succeededFuture(HamlibReply.error(HamlibReply.REJECTED));
    }
    controller.handOver(DeviceKind.ROTATOR);
    return action.get().map(done -> HamlibReply.ok());
  }

  /** The answer of {@code rotctld}'s protocol 1: the travel a target may have, as key=value. */
  private HamlibReply dumpState() {
    Range azimuth = rotator.allowedAzimuth();
    Range elevation = rotator.allowedElevation();
    return HamlibReply.lines(List.of("1", String.valueOf(MODEL),
        "min_az=" + decimal(azimuth.min()), "max_az=" + decimal(azimuth.max()),
        "min_el=" + decimal(elevation.min()), "max_el=" + decimal(elevation.max()),
        "south_zero=0", "rot_type=AzEl", "done"));
  }

  private static Future<HamlibReply> invalid() {
    return Future.succeededFuture(HamlibReply.error(HamlibReply.INVALID));
  }

  private static String angle(double degrees) {
    return String.format(Locale.ROOT, "%.2f", degrees);
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
