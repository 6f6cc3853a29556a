package talos.core.orbit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which satellites could explain a signal: given where and when it was heard, its frequency and
 * optionally where the antenna pointed, rank every satellite of the catalogue that was above the
 * site's mask with a transmitter whose Doppler-shifted downlink falls within the tolerance (and,
 * when a pointing is given, that was within the pointing tolerance).
 */
public final class MagicFind {

  /** A downlink: one frequency ({@code high} is NaN) or a band from {@code low} to {@code high}, Hz. */
  public record Downlink(String transmitterId, double low, double high, String mode) {
  }

  /** A satellite to consider: its ephemeris (shareable between threads) and its downlinks. */
  public record Candidate(int noradId, String name, Ephemeris ephemeris, List<Downlink> downlinks) {
  }

  /**
   * What was observed. {@code azimuth} and {@code elevation} are NaN when the pointing is unknown.
   *
   * @param frequencyTolerance Hz either side of {@code frequency}
   * @param pointingTolerance degrees of arc between the pointing and the satellite
   */
  public record Observation(Site site, Instant at, double frequency, double frequencyTolerance, double azimuth,
                            double elevation, double pointingTolerance) {

    boolean hasPointing() {
      return !Double.isNaN(azimuth) && !Double.isNaN(elevation);
    }
  }

  /**
   * One explanation, best first by {@link #score()}: the frequency error in tolerances, plus the
   * pointing error in tolerances when a pointing was given.
   *
   * @param predictedFrequency the Doppler-shifted downlink nearest to the observed frequency, Hz
   * @param pointingError degrees of arc, NaN without a pointing
   */
  public record Match(int noradId, String name, String transmitterId, String mode, double predictedFrequency,
                      double frequencyError, double azimuth, double elevation, double rangeRate,
                      double pointingError, double score) {
  }

  private final OrbitContext context;

  public MagicFind(OrbitContext context) {
    this.context = context;
  }

  /** The matches, best first; empty when nothing in the catalogue explains the observation. */
  public List<Match> find(List<Candidate> candidates, Observation observation, int threads) {
    List<Ephemeris> ephemerides = candidates.stream().map(Candidate::ephemeris).toList();
    SkyView.Snapshot sky = new SkyView(context, observation.site())
        .computeAll(ephemerides, observation.at(), threads);

    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      double elevation = sky.elevation()[i];
      double azimuth = sky.azimuth()[i];
      if (Double.isNaN(elevation) || elevation < observation.site().maskElevation(azimuth)) {
        continue;
      }
      double pointingError = observation.hasPointing()
          ? arc(observation.azimuth(), observation.elevation(), azimuth, elevation)
          : Double.NaN;
      if (observation.hasPointing() && pointingError > observation.pointingTolerance()) {
        continue;
      }
      Candidate candidate = candidates.get(i);
      double shift = Look.SPEED_OF_LIGHT / (Look.SPEED_OF_LIGHT + sky.rangeRate()[i]);
      for (Downlink downlink : candidate.downlinks()) {
        double low = downlink.low() * shift;
        double high = Double.isNaN(downlink.high()) ? low : downlink.high() * shift;
        double predicted = Math.max(low, Math.min(high, observation.frequency()));
        double error = Math.abs(predicted - observation.frequency());
        if (error <= observation.frequencyTolerance()) {
          double score = error / observation.frequencyTolerance()
              + (observation.hasPointing() ? pointingError / observation.pointingTolerance() : 0);
          matches.add(new Match(candidate.noradId(), candidate.name(), downlink.transmitterId(), downlink.mode(),
              predicted, error, azimuth, elevation, sky.rangeRate()[i], pointingError, score));
        }
      }
    }
    matches.sort(Comparator.comparingDouble(Match::score));
    return matches;
  }

  /** Great-circle angle in degrees between two directions given as azimuth and elevation. */
  static double arc(double azimuth1, double elevation1, double azimuth2, double elevation2) {
    double e1 = Math.toRadians(elevation1);
    double e2 = Math.toRadians(elevation2);
    double cos = Math.sin(e1) * Math.sin(e2)
        + Math.cos(e1) * Math.cos(e2) * Math.cos(Math.toRadians(azimuth1 - azimuth2));
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }
}
