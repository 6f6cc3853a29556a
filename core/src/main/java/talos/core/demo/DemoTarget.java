package talos.core.demo;

import org.orekit.propagation.analytical.tle.TLE;
import talos.core.catalog.CatalogueStore;
import talos.core.orbit.CataloguePasses;
import talos.core.orbit.OrbitContext;
import talos.core.orbit.Pass;
import talos.core.orbit.Site;
import talos.core.orbit.sgp4.Sgp4;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks what the demo station tracks: the satellite whose pass comes soonest (one in progress
 * first), among passes that rise high enough to watch and last long enough to follow. Satellites
 * with an active downlink in the catalogue come first when their pass starts at most
 * {@link #DOWNLINK_WAIT} after the soonest: the director tunes the simulated radio to them, so it
 * receives frames.
 */
final class DemoTarget {

  /** Passes lower than this are not worth showing. */
  static final double MIN_ELEVATION = 15;
  /** A pass must have at least this much left to be chosen. */
  static final Duration MIN_REMAINING = Duration.ofMinutes(2);
  static final Duration HORIZON = Duration.ofHours(12);
  /** How much later a pass of a satellite with a downlink may start and still be preferred. */
  static final Duration DOWNLINK_WAIT = Duration.ofMinutes(30);

  /** A satellite and the pass the demo will track. */
  record Choice(int noradId, String name, Pass pass) {
  }

  private final CataloguePasses passes;
  private final OrbitContext context;

  DemoTarget(OrbitContext context) {
    this.context = context;
    this.passes = new CataloguePasses(context);
  }

  /**
   * The soonest pass over {@code site} after {@code now} among the catalogue's satellites; element
   * sets that cannot be read or propagated are skipped.
   */
  Optional<Choice> choose(List<CatalogueStore.Latest> catalogue, Site site, Instant now) {
    return choose(catalogue, Set.of(), site, now);
  }

  /**
   * The soonest pass over {@code site} after {@code now} among the satellites of
   * {@code withDownlink}, when it starts at most {@link #DOWNLINK_WAIT} after the soonest pass of
   * any satellite of the catalogue; otherwise that soonest pass. Element sets that cannot be read or
   * propagated are skipped.
   *
   * @param withDownlink the NORAD ids of the satellites with an active downlink
   */
  Optional<Choice> choose(List<CatalogueStore.Latest> catalogue, Set<Integer> withDownlink, Site site,
                          Instant now) {
    List<CatalogueStore.Latest> usable = new ArrayList<>();
    List<Sgp4> models = new ArrayList<>();
    for (CatalogueStore.Latest entry : catalogue) {
      try {
        models.add(new Sgp4(new TLE(entry.line1(), entry.line2(), context.utc())));
        usable.add(entry);
      } catch (RuntimeException e) {
        continue;
      }
    }
    List<List<Pass>> found = passes.passes(models, site, MIN_ELEVATION, now, now.plus(HORIZON),
        Math.max(1, Runtime.getRuntime().availableProcessors()));
    Choice best = null;
    Choice bestWithDownlink = null;
    for (int i = 0; i < usable.size(); i++) {
      for (Pass pass : found.get(i)) {
        if (pass.los().isBefore(now.plus(MIN_REMAINING))) {
          continue;
        }
        Choice candidate = new Choice(usable.get(i).noradId(), usable.get(i).name(), pass);
        best = sooner(candidate, best, now);
        if (withDownlink.contains(candidate.noradId())) {
          bestWithDownlink = sooner(candidate, bestWithDownlink, now);
        }
        break;
      }
    }
    if (bestWithDownlink != null
        && !start(bestWithDownlink, now).isAfter(start(best, now).plus(DOWNLINK_WAIT))) {
      return Optional.of(bestWithDownlink);
    }
    return Optional.ofNullable(best);
  }

  /** The choice whose pass starts first; of two starting together, the higher. */
  private static Choice sooner(Choice candidate, Choice best, Instant now) {
    if (best == null) {
      return candidate;
    }
    Instant start = start(candidate, now);
    Instant bestStart = start(best, now);
    return start.isBefore(bestStart)
        || start.equals(bestStart) && candidate.pass().maxElevation() > best.pass().maxElevation()
        ? candidate : best;
  }

  /** When following the pass can start: now for a pass in progress. */
  private static Instant start(Choice choice, Instant now) {
    return choice.pass().aos().isBefore(now) ? now : choice.pass().aos();
  }
}
