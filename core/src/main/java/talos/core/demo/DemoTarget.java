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

/**
 * Picks what the demo station tracks: the satellite whose pass comes soonest (one in progress
 * first), among passes that rise high enough to watch and last long enough to follow.
 */
final class DemoTarget {

  /** Passes lower than this are not worth showing. */
  static final double MIN_ELEVATION = 15;
  /** A pass must have at least this much left to be chosen. */
  static final Duration MIN_REMAINING = Duration.ofMinutes(2);
  static final Duration HORIZON = Duration.ofHours(12);

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
    for (int i = 0; i < usable.size(); i++) {
      for (Pass pass : found.get(i)) {
        if (pass.los().isBefore(now.plus(MIN_REMAINING))) {
          continue;
        }
        Instant start = pass.aos().isBefore(now) ? now : pass.aos();
        Instant bestStart = best == null ? null
            : best.pass().aos().isBefore(now) ? now : best.pass().aos();
        if (best == null || start.isBefore(bestStart)
            || start.equals(bestStart) && pass.maxElevation() > best.pass().maxElevation()) {
          best = new Choice(usable.get(i).noradId(), usable.get(i).name(), pass);
        }
        break;
      }
    }
    return Optional.ofNullable(best);
  }
}
