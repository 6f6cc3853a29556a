package talos.core.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One set of mean orbital elements of an object, as published in a TLE or an OMM message: the SGP4
 * theory's elements at an epoch. Angles are in degrees, times in UTC.
 *
 * @param noradId the NORAD catalogue number, positive; up to nine digits from OMM, up to
 *     {@value Alpha5#MAX_ID} from TLE
 * @param name the object name from a 3LE name line or OMM {@code OBJECT_NAME}, without a
 *     {@code "0 "} prefix; {@code null} for 2-line input
 * @param internationalDesignator the COSPAR designator as launch year, launch number of the year
 *     and piece, e.g. {@code "1998-067A"}; {@code null} when the source leaves it blank
 * @param epoch the instant the elements are valid at
 * @param meanMotion the mean motion in revolutions per day; more than 0 and at most 99.99999999
 * @param eccentricity the eccentricity, from 0 inclusive to 1 exclusive
 * @param inclination the inclination in degrees, 0 to 180
 * @param raan the right ascension of the ascending node in degrees, 0 to 360
 * @param argumentOfPerigee the argument of perigee in degrees, 0 to 360
 * @param meanAnomaly the mean anomaly in degrees, 0 to 360
 * @param bstar the SGP4 drag term B* in inverse Earth radii; magnitude at most 0.99999e9
 * @param meanMotionDot the first time derivative of mean motion divided by two, in revolutions
 *     per day squared (the TLE field and OMM {@code MEAN_MOTION_DOT}); magnitude at most
 *     0.99999999
 * @param meanMotionDdot the second time derivative of mean motion divided by six, in revolutions
 *     per day cubed (the TLE field and OMM {@code MEAN_MOTION_DDOT}); magnitude at most 0.99999e9
 * @param ephemerisType the ephemeris type digit, 0 to 9; published sets use 0 (SGP4)
 * @param elementSetNumber the element set number the publisher counts up with each new set
 * @param revolutionNumber the revolution number at epoch
 * @param classification {@code 'U'} unclassified, {@code 'C'} classified or {@code 'S'} secret
 * @param line1 for TLE input the original line 1 without trailing whitespace; for OMM input a
 *     canonical line 1 with a correct checksum (values rounded to their columns, the element set
 *     number modulo 10000 and the revolution number modulo 100000), or {@code null} when the set
 *     cannot be written as TLE (a catalogue number above {@value Alpha5#MAX_ID} or an epoch
 *     outside 1957-2056)
 * @param line2 line 2, under the same rules as {@code line1}
 */
public record ElementSet(
    int noradId,
    String name,
    String internationalDesignator,
    Instant epoch,
    double meanMotion,
    double eccentricity,
    double inclination,
    double raan,
    double argumentOfPerigee,
    double meanAnomaly,
    double bstar,
    double meanMotionDot,
    double meanMotionDdot,
    int ephemerisType,
    int elementSetNumber,
    int revolutionNumber,
    char classification,
    String line1,
    String line2) {

  /**
   * Builds an element set.
   *
   * @throws NullPointerException if {@code epoch} is {@code null}
   * @throws IllegalArgumentException if exactly one of {@code line1} and {@code line2} is given
   */
  public ElementSet {
    Objects.requireNonNull(epoch, "epoch");
    if ((line1 == null) != (line2 == null)) {
      throw new IllegalArgumentException("line1 and line2 are given together or not at all");
    }
  }

  /** Returns the same element set carrying {@code line1} and {@code line2}. */
  ElementSet withTleLines(String line1, String line2) {
    return new ElementSet(noradId, name, internationalDesignator, epoch, meanMotion, eccentricity,
        inclination, raan, argumentOfPerigee, meanAnomaly, bstar, meanMotionDot, meanMotionDdot,
        ephemerisType, elementSetNumber, revolutionNumber, classification, line1, line2);
  }

  /** Returns whether the set carries TLE lines an SGP4 propagator can read. */
  public boolean hasTleLines() {
    return line1 != null;
  }
}
