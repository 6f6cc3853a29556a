package talos.core.orbit;

import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static talos.core.orbit.OrbitFixtures.CONTEXT;
import static talos.core.orbit.OrbitFixtures.SVALBARD;

/**
 * Verifies that the whole-catalogue view, which shares one frame transform between satellites,
 * gives the same answers as tracking each satellite on its own.
 */
class SkyViewTest {

  @Test
  void testEverySatelliteOfTheCatalogueIsWhereItsOwnTrackerSaysEveryThousandthChecked() {
    List<TLE> catalogue = OrbitFixtures.catalogue();
    List<Ephemeris> ephemerides = catalogue.stream().map(tle -> Ephemeris.orekit(CONTEXT, tle)).toList();
    Instant instant = Instant.parse("2026-03-19T15:30:00Z");
    SkyView.Snapshot snapshot = SkyView.empty(instant, catalogue.size());

    new SkyView(CONTEXT, SVALBARD).compute(ephemerides, instant, 0, catalogue.size(), snapshot);

    assertThat(snapshot.size()).isEqualTo(14_710);
    for (int i = 0; i < catalogue.size(); i += 97) {
      Look look = new Tracker(CONTEXT, catalogue.get(i), SVALBARD).look(instant);
      assertThat(snapshot.elevation()[i]).as("elevation of entry %d", i).isCloseTo(look.elevation(), within(1e-7));
      assertThat(snapshot.azimuth()[i]).as("azimuth of entry %d", i).isCloseTo(look.azimuth(), within(1e-6));
      assertThat(snapshot.range()[i]).as("range of entry %d", i).isCloseTo(look.range(), within(1e-3));
      assertThat(snapshot.rangeRate()[i]).as("range rate of entry %d", i).isCloseTo(look.rangeRate(), within(1e-6));
    }
  }
}
