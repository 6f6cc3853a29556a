package talos.core.schedule;

import talos.core.orbit.CataloguePasses;
import talos.core.orbit.Pass;
import talos.core.orbit.Site;
import talos.core.orbit.sgp4.Sgp4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Finds every pass each campaign could use: for each station, the passes of every target of the
 * campaigns assigned to it, computed once per station and satellite with the fast whole-catalogue
 * search (horizon mask included; stations split between {@code threads} threads), kept when they
 * lie inside the planning horizon, the campaign's active time and the assignment's window.
 */
public final class Opportunities {

  /** A satellite a campaign wants, with its share among equal priorities. */
  public record Target(int noradId, double weight, Sgp4 model) {
  }

  /** A station serving a campaign, always ({@code window} null) or within a window. */
  public record Assignment(String stationId, TimeWindow window) {
  }

  /**
   * A campaign as the scheduler sees it.
   *
   * @param active when the campaign runs, or {@code null} for always
   */
  public record CampaignPlan(Opportunity.Campaign campaign, List<Target> targets,
                             List<Assignment> assignments, TimeWindow active) {

    public CampaignPlan {
      targets = List.copyOf(targets);
      assignments = List.copyOf(assignments);
    }
  }

  private final CataloguePasses search;
  private final int threads;

  public Opportunities(CataloguePasses search, int threads) {
    this.search = search;
    this.threads = threads;
  }

  /**
   * The opportunities of every campaign within {@code horizon}.
   *
   * @param sites every assigned station's site, by station id
   * @throws IllegalArgumentException when an assignment names a station not in {@code sites}
   */
  public List<Opportunity> find(List<CampaignPlan> campaigns, Map<String, Site> sites,
                                TimeWindow horizon) {
    Map<String, Map<Integer, Sgp4>> satellitesByStation = new LinkedHashMap<>();
    for (CampaignPlan plan : campaigns) {
      for (Assignment assignment : plan.assignments()) {
        if (!sites.containsKey(assignment.stationId())) {
          throw new IllegalArgumentException("campaign " + plan.campaign().id()
              + " is assigned to unknown station " + assignment.stationId());
        }
        Map<Integer, Sgp4> satellites = satellitesByStation.computeIfAbsent(
            assignment.stationId(), id -> new LinkedHashMap<>());
        plan.targets().forEach(target -> satellites.putIfAbsent(target.noradId(), target.model()));
      }
    }

    Map<String, Map<Integer, List<Pass>>> passes = new ConcurrentHashMap<>();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> satellitesByStation.entrySet().parallelStream().forEach(station -> {
        List<Integer> ids = new ArrayList<>(station.getValue().keySet());
        List<List<Pass>> found = search.passes(new ArrayList<>(station.getValue().values()),
            sites.get(station.getKey()), 0, horizon.start(), horizon.end(), 1);
        Map<Integer, List<Pass>> byNorad = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
          byNorad.put(ids.get(i), found.get(i));
        }
        passes.put(station.getKey(), byNorad);
      })).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while finding passes", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("finding passes failed", e.getCause());
    } finally {
      pool.shutdown();
    }

    List<Opportunity> opportunities = new ArrayList<>();
    for (CampaignPlan plan : campaigns) {
      for (Assignment assignment : plan.assignments()) {
        for (Target target : plan.targets()) {
          for (Pass pass : passes.get(assignment.stationId()).get(target.noradId())) {
            TimeWindow window = new TimeWindow(pass.aos(), pass.los());
            boolean inside = !pass.startsBeforeWindow() && !pass.endsAfterWindow()
                && (plan.active() == null || plan.active().contains(window))
                && (assignment.window() == null || assignment.window().contains(window));
            if (inside) {
              opportunities.add(new Opportunity(plan.campaign(), target.noradId(),
                  target.weight(), assignment.stationId(), pass));
            }
          }
        }
      }
    }
    return opportunities;
  }
}
