package talos.core.schedule;

import talos.core.orbit.rotator.Rotator;

import java.util.List;

/**
 * What the planner needs of a station: whether it is online, how fast its rotator turns, and
 * the windows its owner reserved.
 *
 * @param reservations windows nothing may be planned in, each with the owner's reason
 */
public record StationSchedule(String id, String name, boolean online, Rotator rotator,
                              List<Reservation> reservations) {

  /** Time a station's owner keeps for itself. */
  public record Reservation(TimeWindow window, String reason) {
  }

  public StationSchedule {
    reservations = List.copyOf(reservations);
  }
}
