package talos.core.schedule;

import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.CataloguePasses;
import talos.core.orbit.OrbitFixtures;
import talos.core.orbit.Site;
import talos.core.support.FreshElements;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies incremental replanning's cache on the real catalogue of 2026-03-19: a campaign's passes
 * are computed again only when its element sets, assignments, active time or station sites change,
 * or the horizon moves past what was computed; another campaign's change never recomputes them.
 */
class OpportunityCacheTest {

  private static final Instant START = OrbitFixtures.DAY;
  private static final TimeWindow HORIZON = new TimeWindow(START, START.plus(Duration.ofHours(12)));
  private static final Map<String, Site> SITES = Map.of("berlin", OrbitFixtures.BERLIN,
      "svalbard", OrbitFixtures.SVALBARD, "hobart", OrbitFixtures.HOBART);
  private static final Opportunity.Campaign ISS = new Opportunity.Campaign("iss", "ISS", 1, 0);
  private static final Opportunity.Campaign WEATHER =
      new Opportunity.Campaign("wx", "Weather", 2, 10);

  private final OpportunityCache cache = new OpportunityCache(
      new Opportunities(new CataloguePasses(OrbitFixtures.CONTEXT), 2),
      OrbitFixtures.CONTEXT.utc());

  /** A change of one campaign recomputes that campaign's passes and reuses the other's. */
  @Test
  void anUnrelatedCampaignChangeDoesNotRecomputeAnotherCampaignsPasses() {
    List<Opportunity> iss = cache.opportunities(iss(ISS, 1), SITES, HORIZON);
    cache.opportunities(weather("svalbard"), SITES, HORIZON);
    assertThat(cache.computations()).isEqualTo(2);

    List<Opportunity> weatherWider = cache.opportunities(weather("svalbard", "hobart"), SITES,
        HORIZON);
    List<Opportunity> issAgain = cache.opportunities(iss(ISS, 1), SITES, HORIZON);

    assertThat(cache.computations()).isEqualTo(3);
    assertThat(issAgain).isEqualTo(iss).isNotEmpty();
    assertThat(weatherWider).anySatisfy(o -> assertThat(o.stationId()).isEqualTo("hobart"));
  }

  /** Priority, name, minimum elevation and weight are taken over without computing anything. */
  @Test
  void aNewPriorityOrWeightReusesThePasses() {
    cache.opportunities(iss(ISS, 1), SITES, HORIZON);
    Opportunity.Campaign urgent = new Opportunity.Campaign("iss", "ISS now", 1, 30);

    List<Opportunity> again = cache.opportunities(iss(urgent, 5), SITES, HORIZON);

    assertThat(cache.computations()).isEqualTo(1);
    assertThat(again).isNotEmpty().allSatisfy(o -> {
      assertThat(o.campaign()).isEqualTo(urgent);
      assertThat(o.weight()).isEqualTo(5);
    });
  }

  /** New element sets, another site or a horizon past what was computed recompute the passes. */
  @Test
  void newElementsAnotherSiteOrALaterHorizonRecomputeThePasses() {
    cache.opportunities(iss(ISS, 1), SITES, HORIZON);
    cache.opportunities(iss(ISS, 1), SITES, shifted(Duration.ofMinutes(30)));
    assertThat(cache.computations()).isEqualTo(1);

    cache.opportunities(iss(ISS, 1), SITES, shifted(Duration.ofHours(2)));
    assertThat(cache.computations()).isEqualTo(2);

    cache.opportunities(iss(ISS, 1), Map.of("berlin", Site.at(52.0, 13.0, 0),
        "hobart", OrbitFixtures.HOBART), shifted(Duration.ofHours(2)));
    assertThat(cache.computations()).isEqualTo(3);

    String[] refreshed = FreshElements.iss(START.minus(Duration.ofHours(3)));
    cache.opportunities(new OpportunityCache.CampaignInput(ISS,
        List.of(new OpportunityCache.Target(25544, 1, refreshed[0], refreshed[1])),
        iss(ISS, 1).assignments(), null), SITES, shifted(Duration.ofHours(2)));
    assertThat(cache.computations()).isEqualTo(4);
  }

  private static TimeWindow shifted(Duration by) {
    return new TimeWindow(HORIZON.start().plus(by), HORIZON.end().plus(by));
  }

  private static OpportunityCache.CampaignInput iss(Opportunity.Campaign campaign, double weight) {
    TLE tle = OrbitFixtures.tle(25544);
    return new OpportunityCache.CampaignInput(campaign,
        List.of(new OpportunityCache.Target(25544, weight, tle.getLine1(), tle.getLine2())),
        List.of(new Opportunities.Assignment("berlin", null),
            new Opportunities.Assignment("hobart", null)), null);
  }

  private static OpportunityCache.CampaignInput weather(String... stations) {
    TLE tle = OrbitFixtures.tle(43013);
    return new OpportunityCache.CampaignInput(WEATHER,
        List.of(new OpportunityCache.Target(43013, 1, tle.getLine1(), tle.getLine2())),
        java.util.Arrays.stream(stations).map(id -> new Opportunities.Assignment(id, null))
            .toList(), null);
  }
}
