package talos.core.orbit.rotator;

import java.time.Instant;

/**
 * Something the rotator cannot do as the pass asks, over a span of the pass.
 *
 * @param kind what goes wrong; it fixes the unit of {@code required} and {@code available}
 * @param start first instant concerned
 * @param end last instant concerned, not before {@code start}
 * @param required what the pass needs: for {@link Kind#AZIMUTH_LIMIT} and
 *     {@link Kind#ELEVATION_LIMIT} the farthest angle beyond the travel (degrees, rotator
 *     coordinates); for {@link Kind#SLEW_RATE} the fastest rate of the axis named in the message
 *     (degrees per second); for {@link Kind#LATE_START} the seconds needed to pre-position
 * @param available what the rotator offers in the same unit: the limit of the travel, the slew
 *     rate of the axis, or the seconds left before AOS (negative once AOS has passed)
 * @param message a sentence naming the span, the cause and the numbers, for operators
 */
public record RotatorWarning(Kind kind, Instant start, Instant end, double required,
                             double available, String message) {

  /** The causes a plan reports. */
  public enum Kind {

    /** The satellite is beyond an azimuth stop; the antenna waits at the stop. */
    AZIMUTH_LIMIT,

    /** The track needs an elevation outside the travel; the elevation is held at the limit. */
    ELEVATION_LIMIT,

    /** An axis cannot turn fast enough and the antenna trails the satellite past the tolerance. */
    SLEW_RATE,

    /** From where the rotator is now, it cannot reach the pre-position point by AOS. */
    LATE_START
  }
}
