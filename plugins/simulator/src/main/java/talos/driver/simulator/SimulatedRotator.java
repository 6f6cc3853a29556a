package talos.driver.simulator;

import talos.driver.DriverContext;
import talos.driver.DriverException;
import talos.driver.DriverHealth;
import talos.driver.FailureCode;
import talos.driver.Position;
import talos.driver.Range;
import talos.driver.RotatorCapabilities;
import talos.driver.RotatorDriver;
import talos.driver.RotatorOperation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.CompletionStage;

/**
 * A simulated azimuth/elevation rotator. Each axis turns at its own constant rate towards the
 * commanded target, worked out from the device's clock whenever it is read, so a test clock drives
 * it exactly. Targets and reported positions are quantised to the configured resolution; targets
 * outside the travel are refused with {@link FailureCode#REJECTED}. Every command is answered on
 * the device's executor after the reply delay, one at a time.
 *
 * <p>Faults can be configured ({@code fault.*} options) or switched at run time: {@link #stall}
 * jams the motors while commands are still accepted, {@link #disconnect} drops the link until
 * {@link #open()} is called, {@link #slowReplies} delays every reply.
 */
public final class SimulatedRotator implements RotatorDriver {

  private final Clock clock;
  private final SimulatorSettings settings;
  private final RotatorCapabilities capabilities;
  private final SimulatedLink link;
  private final Axis azimuth;
  private final Axis elevation;

  SimulatedRotator(DriverContext context, SimulatorSettings settings) {
    this.clock = context.clock();
    this.settings = settings;
    this.capabilities = new RotatorCapabilities(settings.azimuth(), settings.elevation(),
        EnumSet.allOf(RotatorOperation.class), settings.azimuthRate(), settings.elevationRate());
    this.link = new SimulatedLink(context.deviceName(), context.executor(), settings);
    Instant now = clock.instant();
    this.azimuth = new Axis(settings.start().azimuth(), settings.azimuthRate(), now);
    this.elevation = new Axis(settings.start().elevation(), settings.elevationRate(), now);
    if (settings.stall()) {
      stall(true);
    }
  }

  @Override
  public RotatorCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public CompletionStage<Void> open() {
    return link.open();
  }

  /**
   * Reads the position.
   *
   * @return a stage with the position quantised to the resolution, or failed with
   *     {@link FailureCode#IO} when the link is down
   */
  @Override
  public CompletionStage<Position> position() {
    return link.send(this::currentPosition);
  }

  /**
   * Sets a new target for both axes.
   *
   * @return a stage that completes once the command is taken, or fails with
   *     {@link FailureCode#REJECTED} for a target outside the travel and {@link FailureCode#IO}
   *     when the link is down
   */
  @Override
  public CompletionStage<Void> moveTo(Position target) {
    return link.send(() -> {
      driveTo(target);
      return null;
    });
  }

  @Override
  public CompletionStage<Void> stop() {
    return link.send(() -> {
      synchronized (this) {
        Instant now = clock.instant();
        azimuth.halt(now);
        elevation.halt(now);
      }
      return null;
    });
  }

  /** Drives to {@code parkPosition}, or to the configured park position when it is {@code null}. */
  @Override
  public CompletionStage<Void> park(Position parkPosition) {
    Position destination = parkPosition == null ? settings.park() : parkPosition;
    return link.send(() -> {
      driveTo(destination);
      return null;
    });
  }

  /** {@code OK} while the link is open, with the target in the detail while the rotator moves. */
  @Override
  public DriverHealth health() {
    String detail = null;
    synchronized (this) {
      Instant now = clock.instant();
      if (azimuth.moving(now) || elevation.moving(now)) {
        detail = "moving to " + new Position(azimuth.target(), elevation.target());
      }
    }
    return link.health(detail);
  }

  @Override
  public void close() {
    link.close();
  }

  /** Where the antenna points now, quantised, read without sending a command. */
  public synchronized Position currentPosition() {
    Instant now = clock.instant();
    return new Position(Axis.quantise(azimuth.angle(now), settings.resolution()),
        Axis.quantise(elevation.angle(now), settings.resolution()));
  }

  /** Whether either axis is short of its target, as a stalled rotator is. */
  public synchronized boolean moving() {
    Instant now = clock.instant();
    return azimuth.moving(now) || elevation.moving(now);
  }

  /** Jams ({@code true}) or frees the motors; commands are accepted either way. */
  public synchronized void stall(boolean stall) {
    Instant now = clock.instant();
    azimuth.stall(stall, now);
    elevation.stall(stall, now);
  }

  /** Drops the link now: commands fail with {@link FailureCode#IO} until {@link #open()}. */
  public void disconnect() {
    link.drop("disconnected");
  }

  /** Adds {@code extra} to every reply from now on; {@link Duration#ZERO} ends the fault. */
  public void slowReplies(Duration extra) {
    link.slowReplies(extra);
  }

  private synchronized void driveTo(Position target) {
    double az = refuseOutside("azimuth", target.azimuth(), settings.azimuth());
    double el = refuseOutside("elevation", target.elevation(), settings.elevation());
    Instant now = clock.instant();
    azimuth.driveTo(az, now);
    elevation.driveTo(el, now);
  }

  private double refuseOutside(String axis, double angle, Range travel) {
    if (!travel.contains(angle)) {
      throw new DriverException(FailureCode.REJECTED,
          axis + " " + angle + "° outside travel " + travel);
    }
    double quantised = Axis.quantise(angle, settings.resolution());
    return Math.max(travel.min(), Math.min(travel.max(), quantised));
  }
}
