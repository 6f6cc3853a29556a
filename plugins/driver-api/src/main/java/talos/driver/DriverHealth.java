package talos.driver;

import java.util.Map;

/**
 * A driver's health: its state, a one-line detail and counters such as {@code commands},
 * {@code failures} and {@code reconnects}.
 */
public record DriverHealth(HealthState state, String detail, Map<String, Long> counters) {

  public DriverHealth {
    counters = Map.copyOf(counters);
  }

  public static DriverHealth ok(Map<String, Long> counters) {
    return new DriverHealth(HealthState.OK, null, counters);
  }
}
