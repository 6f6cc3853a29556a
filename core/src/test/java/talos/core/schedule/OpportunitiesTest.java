package talos.core.schedule;

import org.junit.jupiter.api.Test;
import talos.core.orbit.CataloguePasses;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Pass;
import talos.core.orbit.PassPredictor;
import talos.core.orbit.sgp4.Sgp4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The opportunities of a campaign are the passes over its stations inside every window. */
class OpportunitiesTest {

  private static final Instant START = OrbitFixtures.DAY;
  private static final TimeWindow DAY = new TimeWindow(START, START.plus(Duration.ofDays(1)));
  private static final Opportunity.Campaign ISS = new Opportunity.Campaign("iss", "ISS", 1, 0);

  /** Without windows, every whole pass of the day is an opportunity, as the predictor finds it. */
  @Test
  void findsTheSamePassesAsThePredictor() {
    List<Opportunity> found = find(null, null);

    List<Pass> expected = new PassPredictor(OrbitFixtures.CONTEXT).passes(
            OrbitFixtures.tle(OrbitFixtures.ISS), OrbitFixtures.BERLIN, 0, DAY.start(), DAY.end())
        .stream().filter(pass -> !pass.startsBeforeWindow() && !pass.endsAfterWindow()).toList();
    assertThat(found).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(found.get(i).pass().aos().toEpochMilli())
          .isCloseTo(expected.get(i).aos().toEpochMilli(), within(1_000L));
    }
  }

  /** An assignment window and the campaign's active time both cut the passes down. */
  @Test
  void keepsOnlyPassesInsideTheWindows() {
    Pass first = find(null, null).get(0).pass();
    TimeWindow around = new TimeWindow(first.aos().minusSeconds(60), first.los().plusSeconds(60));
    TimeWindow later = new TimeWindow(first.los().plusSeconds(60), DAY.end());

    assertThat(find(around, null)).singleElement().satisfies(opportunity ->
        assertThat(opportunity.pass().aos()).isEqualTo(first.aos()));
    assertThat(find(around, later)).isEmpty();
    assertThat(find(later, null)).hasSize(find(null, null).size() - 1);
  }

  private static List<Opportunity> find(TimeWindow assignment, TimeWindow active) {
    Opportunities.CampaignPlan plan = new Opportunities.CampaignPlan(ISS,
        List.of(new Opportunities.Target(OrbitFixtures.ISS, 1,
            new Sgp4(OrbitFixtures.tle(OrbitFixtures.ISS)))),
        List.of(new Opportunities.Assignment("berlin", assignment)), active);
    return new Opportunities(new CataloguePasses(OrbitFixtures.CONTEXT), 2)
        .find(List.of(plan), Map.of("berlin", OrbitFixtures.BERLIN), DAY);
  }
}
