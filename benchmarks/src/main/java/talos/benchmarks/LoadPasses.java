package talos.benchmarks;

import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.AbsoluteDate;
import talos.core.orbit.Look;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.Site;
import talos.core.orbit.Tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Stations placed under real passes for the director load: each station sits near the ground track
 * of one satellite of the element set, so that the satellite is above its horizon for the whole
 * span asked for. The satellites are low-orbit objects (11–15 revolutions a day, nearly circular)
 * drawn with a fixed seed, their elements as published but their epoch moved to an hour before
 * the run; stations share them round robin, each at its own site (up to a degree off the track),
 * so every station has a pass of its own.
 */
final class LoadPasses {

  /** One station with the pass it will follow. */
  record Station(UUID id, String name, double latitude, double longitude, TLE elements,
                 Pass pass) {

    int norad() {
      return elements.getSatelliteNumber();
    }
  }

  private static final double MIN_REVOLUTIONS = 11;
  private static final double MAX_REVOLUTIONS = 15;
  private static final double MAX_ECCENTRICITY = 0.01;
  private static final double JITTER_DEGREES = 1.0;
  /** How far around the span passes are searched: longer than any low-orbit pass. */
  private static final Duration SEARCH_MARGIN = Duration.ofMinutes(30);
  /** How old the element sets are made at the start of the run. */
  private static final Duration ELEMENT_AGE = Duration.ofHours(1);

  private LoadPasses() {
  }

  /**
   * Places {@code count} stations so that each has a pass under way from {@code from} (or starting
   * within a minute of it) until at least {@code until}.
   *
   * @param satellites how many satellites the stations share
   * @throws IllegalStateException when the element set has too few satellites with such a pass
   */
  static List<Station> place(OrbitContext context, List<TLE> elementSets, int count,
                             int satellites, Instant from, Instant until) {
    Instant middle = from.plus(Duration.between(from, until).dividedBy(2));
    PassPredictor predictor = new PassPredictor(context);
    List<TLE> candidates = new ArrayList<>(elementSets.stream().filter(LoadPasses::lowAndRound)
        .toList());
    Collections.shuffle(candidates, new Random(20260319));
    List<TLE> chosen = new ArrayList<>();
    List<Look> overhead = new ArrayList<>();
    AbsoluteDate epoch = context.date(from.minus(ELEMENT_AGE));
    for (TLE original : candidates) {
      if (chosen.size() == satellites) {
        break;
      }
      try {
        TLE candidate = movedTo(original, epoch, context);
        candidate.getLine1();
        candidate.getLine2();
        Look look = new Tracker(context, candidate, Site.at(0, 0, 0)).look(middle);
        Site site = Site.at(look.latitude(), look.longitude(), 0);
        if (covering(predictor, candidate, site, from, until).isPresent()) {
          chosen.add(candidate);
          overhead.add(look);
        }
      } catch (RuntimeException e) {
        // an element set that cannot be propagated this far is not a candidate
      }
    }
    if (chosen.size() < satellites) {
      throw new IllegalStateException("only " + chosen.size() + " of the " + satellites
          + " satellites asked for have a pass long enough; ask for fewer or a shorter run");
    }
    return IntStream.range(0, count).parallel().mapToObj(index -> {
      TLE elements = chosen.get(index % satellites);
      Look look = overhead.get(index % satellites);
      Random random = new Random(index);
      double latitude = clamp(look.latitude() + (random.nextDouble() * 2 - 1) * JITTER_DEGREES, 89);
      double longitude = wrap(look.longitude() + (random.nextDouble() * 2 - 1) * JITTER_DEGREES);
      Optional<Pass> pass = covering(predictor, elements, Site.at(latitude, longitude, 0), from,
          until);
      if (pass.isEmpty()) {
        latitude = look.latitude();
        longitude = look.longitude();
        pass = covering(predictor, elements, Site.at(latitude, longitude, 0), from, until);
      }
      return new Station(UUID.nameUUIDFromBytes(("load-station-" + index).getBytes()),
          String.format("load-%05d", index), latitude, longitude, elements, pass.orElseThrow());
    }).toList();
  }

  /** The pass over {@code site} that is up within a minute of {@code from} and lasts past {@code until}. */
  private static Optional<Pass> covering(PassPredictor predictor, TLE elements, Site site,
                                         Instant from, Instant until) {
    return predictor.passes(elements, site, 0, from.minus(SEARCH_MARGIN),
            until.plus(SEARCH_MARGIN)).stream()
        .filter(pass -> !pass.aos().isAfter(from.plusSeconds(60)) && pass.los().isAfter(until))
        .findFirst();
  }

  /**
   * The same orbit with its epoch moved: an element set propagated months past its epoch is
   * slow to search for passes (the search integrates its events from the epoch on), and the
   * catalogue's element sets are hours old, not months.
   */
  private static TLE movedTo(TLE tle, AbsoluteDate epoch, OrbitContext context) {
    return new TLE(tle.getSatelliteNumber(), tle.getClassification(), tle.getLaunchYear(),
        tle.getLaunchNumber(), tle.getLaunchPiece(), tle.getEphemerisType(),
        tle.getElementNumber(), epoch, tle.getMeanMotion(), tle.getMeanMotionFirstDerivative(),
        tle.getMeanMotionSecondDerivative(), tle.getE(), tle.getI(), tle.getPerigeeArgument(),
        tle.getRaan(), tle.getMeanAnomaly(), tle.getRevolutionNumberAtEpoch(), tle.getBStar(),
        context.utc());
  }

  private static boolean lowAndRound(TLE elements) {
    double revolutions = elements.getMeanMotion() * 86_400 / (2 * Math.PI);
    return revolutions >= MIN_REVOLUTIONS && revolutions <= MAX_REVOLUTIONS
        && elements.getE() <= MAX_ECCENTRICITY;
  }

  private static double clamp(double latitude, double limit) {
    return Math.max(-limit, Math.min(limit, latitude));
  }

  private static double wrap(double longitude) {
    double wrapped = ((longitude + 180) % 360 + 360) % 360 - 180;
    return wrapped == -180 ? 180 : wrapped;
  }
}
