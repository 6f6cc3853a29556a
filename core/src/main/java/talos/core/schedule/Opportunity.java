package talos.core.schedule;

import talos.core.orbit.Pass;

/**
 * A pass one campaign could use: a target satellite over one of the campaign's stations.
 *
 * @param weight the target's share among campaigns of equal priority, positive
 */
public record Opportunity(Campaign campaign, int noradId, double weight, String stationId,
                          Pass pass) {

  /** What the planner needs of a campaign. Priority 1 is the highest. */
  public record Campaign(String id, String name, int priority, double minElevation) {
  }

  TimeWindow window() {
    return new TimeWindow(pass.aos(), pass.los());
  }

  double seconds() {
    return pass.duration();
  }
}
