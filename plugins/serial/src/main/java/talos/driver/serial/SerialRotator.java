package talos.driver.serial;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.Position;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorDriver;
import talos.driver.RotatorOperation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A rotator controller on a serial port, in one of the {@link Protocol}s: a move and a stop are
 * written and not answered (a GS-232 refusal, {@code ?>}, fails them), the position is queried.
 * Opening the port, and every recovery and poll, reads the position to prove the controller
 * answers. The controllers have no park command of their own, so the rotator offers no park
 * operation and the agent parks it by moving it to the station's park position.
 */
public final class SerialRotator implements RotatorDriver {

  private final SerialSettings settings;
  private final SerialLink link;
  private final Clock clock;
  private final RotatorCapabilities capabilities;
  private volatile Position lastPosition;
  private volatile Instant lastRead;

  SerialRotator(DriverContext context, SerialSettings settings, SerialLine.Opener opener) {
    this.settings = settings;
    this.clock = context.clock();
    this.capabilities = new RotatorCapabilities(settings.azimuth(), settings.elevation(),
        EnumSet.of(RotatorOperation.GET_POSITION, RotatorOperation.SET_POSITION,
            RotatorOperation.STOP), settings.azimuthRate(), settings.elevationRate());
    this.link = new SerialLink(context.deviceName(), settings, opener, context.executor(),
        clock, this::query);
  }

  /** The configured travel and slew rates; reading, moving and stopping, no park. */
  @Override
  public RotatorCapabilities capabilities() {
    return capabilities;
  }

  /** Opens the port and reads the position; completes once the controller answered. */
  @Override
  public CompletionStage<Void> open() {
    return link.open();
  }

  /** Queries the position: {@code C2} (GS-232) or {@code AZ EL} (Easycomm). */
  @Override
  public CompletionStage<Position> position() {
    return link.call(settings.protocol().query(), this::query);
  }

  /**
   * Sends the move: {@code Waaa eee} to whole degrees (GS-232; a negative azimuth is sent as its
   * equivalent from 0 to 360) or {@code AZaaa.a ELeee.e} (Easycomm).
   *
   * @return a stage failed with {@link FailureCode#REJECTED} when the controller refused it, and
   *     with {@link FailureCode#INVALID_ARGUMENT} for a position the protocol cannot carry
   */
  @Override
  public CompletionStage<Void> moveTo(Position target) {
    Position sent = target;
    if (settings.protocol() != Protocol.EASYCOMM2 && target.azimuth() < 0) {
      sent = new Position(target.azimuth() + 360, target.elevation());
    }
    if (!settings.protocol().azimuthLimits().contains(sent.azimuth())
        || !settings.protocol().elevationLimits().contains(sent.elevation())) {
      return CompletableFuture.failedFuture(new DriverException(FailureCode.INVALID_ARGUMENT,
          target + " cannot be sent in " + settings.protocol() + ", which carries azimuths in "
              + settings.protocol().azimuthLimits() + " and elevations in "
              + settings.protocol().elevationLimits()));
    }
    return set(settings.protocol().move(sent));
  }

  /** Stops both axes: {@code S} (GS-232) or {@code SA SE} (Easycomm). */
  @Override
  public CompletionStage<Void> stop() {
    return set(settings.protocol().stop());
  }

  /**
   * Moves to the given park position; the controllers have no park command, so without a position
   * the stage fails with {@link FailureCode#NOT_AVAILABLE}.
   */
  @Override
  public CompletionStage<Void> park(Position parkPosition) {
    if (parkPosition == null) {
      return CompletableFuture.failedFuture(new DriverException(FailureCode.NOT_AVAILABLE,
          settings.protocol() + " controllers have no park command; give a park position"));
    }
    return moveTo(parkPosition);
  }

  /**
   * The link's health; while the controller answers, the detail names the line and the last
   * position read: {@code gs232b on /dev/ttyUSB0 at 9600 8N1; az 12.00° el 34.00° read 0.4 s
   * ago}.
   */
  @Override
  public DriverHealth health() {
    Position position = lastPosition;
    Instant read = lastRead;
    String detail = settings.line();
    if (position != null && read != null) {
      Duration age = Duration.between(read, clock.instant());
      detail += "; " + position + " read " + (age.isNegative() ? "0 ms"
          : Durations.format(age)) + " ago";
    }
    return link.health(detail);
  }

  @Override
  public void close() {
    link.close();
  }

  private CompletionStage<Void> set(String command) {
    return link.call(command, port -> {
      port.send(command);
      port.settle();
      return null;
    });
  }

  private Position query(ControllerPort port) {
    port.send(settings.protocol().query());
    Position position = port.readPosition();
    lastPosition = position;
    lastRead = clock.instant();
    return position;
  }
}
