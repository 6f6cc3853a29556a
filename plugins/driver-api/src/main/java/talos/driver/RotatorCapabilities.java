package talos.driver;

import java.util.Set;

/**
 * What a rotator can do: its travel ranges in degrees (azimuth up to 450° for overlap rotators,
 * elevation up to 180° for flip rotators), the operations it offers, and its slew rates in degrees
 * per second ({@code 0} when unknown).
 */
public record RotatorCapabilities(Range azimuth, Range elevation, Set<RotatorOperation> operations,
                                  double azimuthRate, double elevationRate) {

  public RotatorCapabilities {
    operations = Set.copyOf(operations);
  }

  public boolean supports(RotatorOperation operation) {
    return operations.contains(operation);
  }
}
