package talos.core.orbit;

import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.OrbitFixtures.BERLIN;
import static talos.core.orbit.OrbitFixtures.CONTEXT;
import static talos.core.orbit.OrbitFixtures.DAY;
import static talos.core.orbit.OrbitFixtures.SVALBARD;

/**
 * Verifies the fast whole-catalogue pass search against the event-based predictor, satellite by
 * satellite, for a sample of the real catalogue: same passes, times within a second, maximum
 * elevation within a hundredth of a degree.
 */
class CataloguePassesTest {

  @Test
  void testEveryFiftiethSatelliteHasTheSamePassesAsThePredictorFinds() {
    compare(BERLIN, 0, 50);
  }

  @Test
  void testAHighLatitudeSiteAndAMinimumElevationGiveTheSamePassesToo() {
    compare(SVALBARD, 10, 120);
  }

  private static void compare(Site site, double minElevation, int every) {
    List<TLE> catalogue = OrbitFixtures.catalogue();
    List<TLE> sample = java.util.stream.IntStream.range(0, catalogue.size()).filter(i -> i % every == 0)
        .mapToObj(catalogue::get).toList();
    Instant end = DAY.plus(Duration.ofDays(1));

    List<List<Pass>> fast = new CataloguePasses(CONTEXT).passes(
        sample.stream().map(talos.core.orbit.sgp4.Sgp4::new).toList(), site, minElevation, DAY, end, 2);

    PassPredictor predictor = new PassPredictor(CONTEXT);
    int compared = 0;
    for (int i = 0; i < sample.size(); i++) {
      List<Pass> expected = predictor.passes(sample.get(i), site, minElevation, DAY, end);
      List<Pass> actual = fast.get(i);
      String satellite = "NORAD " + sample.get(i).getSatelliteNumber();
      assertThat(actual).as(satellite).hasSameSizeAs(expected);
      for (int p = 0; p < expected.size(); p++) {
        Pass want = expected.get(p);
        Pass got = actual.get(p);
        assertThat(got.aos()).as("%s AOS", satellite).isCloseTo(want.aos(), within(Duration.ofSeconds(1)));
        assertThat(got.los()).as("%s LOS", satellite).isCloseTo(want.los(), within(Duration.ofSeconds(1)));
        assertThat(got.maxElevation()).as("%s max elevation", satellite)
            .isCloseTo(want.maxElevation(), within(0.01));
        assertThat(got.startsBeforeWindow()).isEqualTo(want.startsBeforeWindow());
        assertThat(got.endsAfterWindow()).isEqualTo(want.endsAfterWindow());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(50);
  }
}
