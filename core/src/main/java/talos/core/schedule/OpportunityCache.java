package talos.core.schedule;

import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.TimeScale;
import talos.core.orbit.Site;
import talos.core.orbit.sgp4.Sgp4;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Each campaign's opportunities, kept between replans and computed again only when something they
 * depend on changed: the element sets of the campaign's targets, its assignments and active time,
 * the sites of its stations, or a horizon reaching past what was computed. A change of another
 * campaign, of priorities, weights, names, minimum elevations, reservations or online states
 * reuses them. Passes are computed {@link #LOOKAHEAD} beyond the horizon, so rolling the horizon
 * forward reuses them for that long. Safe for use from worker threads.
 */
final class OpportunityCache {

  /** How far beyond the horizon passes are computed, so the rolling horizon reuses them. */
  static final Duration LOOKAHEAD = Duration.ofHours(1);

  /** A target of a campaign with the element set its passes come from. */
  record Target(int noradId, double weight, String line1, String line2) {
  }

  /**
   * A campaign as the cache takes it.
   *
   * @param active when the campaign runs, or {@code null} for always
   */
  record CampaignInput(Opportunity.Campaign campaign, List<Target> targets,
                       List<Opportunities.Assignment> assignments, TimeWindow active) {

    CampaignInput {
      targets = List.copyOf(targets);
      assignments = List.copyOf(assignments);
    }
  }

  /** What a campaign's passes depend on. */
  private record Key(String campaignId, List<Elements> elements,
                     List<Opportunities.Assignment> assignments, TimeWindow active,
                     Map<String, Site> sites) {
  }

  private record Elements(int noradId, String line1, String line2) {
  }

  private record Entry(Key key, TimeWindow computed, List<Opportunity> opportunities) {
  }

  private final Opportunities finder;
  private final TimeScale utc;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong computations = new AtomicLong();

  OpportunityCache(Opportunities finder, TimeScale utc) {
    this.finder = finder;
    this.utc = utc;
  }

  /**
   * The campaign's opportunities wholly inside {@code horizon}, with its current priority, name,
   * minimum elevation and weights.
   *
   * @param sites the sites of (at least) every station the campaign is assigned to
   */
  List<Opportunity> opportunities(CampaignInput input, Map<String, Site> sites,
                                  TimeWindow horizon) {
    Map<String, Site> assigned = input.assignments().stream()
        .map(Opportunities.Assignment::stationId).distinct()
        .collect(Collectors.toMap(id -> id, sites::get));
    Key key = new Key(input.campaign().id(), input.targets().stream()
        .map(target -> new Elements(target.noradId(), target.line1(), target.line2()))
        .sorted(Comparator.comparingInt(Elements::noradId)).toList(),
        input.assignments(), input.active(), assigned);
    Entry entry = entries.get(key.campaignId());
    if (entry == null || !entry.key().equals(key)
        || entry.computed().start().isAfter(horizon.start())
        || entry.computed().end().isBefore(horizon.end())) {
      TimeWindow window = new TimeWindow(horizon.start(), horizon.end().plus(LOOKAHEAD));
      Opportunities.CampaignPlan plan = new Opportunities.CampaignPlan(input.campaign(),
          input.targets().stream().map(target -> new Opportunities.Target(target.noradId(),
              target.weight(), new Sgp4(new TLE(target.line1(), target.line2(), utc)))).toList(),
          input.assignments(), input.active());
      entry = new Entry(key, window, finder.find(List.of(plan), assigned, window));
      computations.incrementAndGet();
      entries.put(key.campaignId(), entry);
    }
    Map<Integer, Double> weights = new HashMap<>();
    input.targets().forEach(target -> weights.put(target.noradId(), target.weight()));
    return entry.opportunities().stream()
        .filter(o -> !o.pass().aos().isBefore(horizon.start())
            && !o.pass().los().isAfter(horizon.end()))
        .map(o -> new Opportunity(input.campaign(), o.noradId(), weights.get(o.noradId()),
            o.stationId(), o.pass()))
        .toList();
  }

  /** Drops what is kept for a campaign that is no longer planned. */
  void forget(String campaignId) {
    entries.remove(campaignId);
  }

  /** How many times opportunities were computed rather than reused. */
  long computations() {
    return computations.get();
  }
}
