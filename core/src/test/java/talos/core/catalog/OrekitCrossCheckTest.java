package talos.core.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.time.TimeScalesFactory;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Verifies that Orekit's own TLE reader agrees with the parsers on published and OMM lines. */
class OrekitCrossCheckTest {

  /**
   * TAI stands in for UTC so that no leap-second data is needed: Orekit then labels an epoch with
   * the same calendar date and time as the parser.
   */
  private static final TimeScale LABELS = TimeScalesFactory.getTAI();
  private static final double REV_PER_DAY_IN_RAD_PER_S = 2 * Math.PI / 86_400;

  @Test
  void testOrekitReadsTheSameValuesFromEveryPublishedSet() {
    ImportReport report = TleParser.parse(CatalogSamples.activeCatalog());

    assertThat(report.accepted()).hasSize(CatalogSamples.ACTIVE_CATALOG_SIZE)
        .allSatisfy(OrekitCrossCheckTest::assertOrekitAgrees);
  }

  @Test
  void testOrekitAcceptsLinesDerivedFromOmmIncludingAlpha5() {
    JsonObject iss = CatalogSamples.issOmm()
        .put("OBJECT_NAME", "ALPHA-5 TEST")
        .put("OBJECT_ID", "2026-001A")
        .put("NORAD_CAT_ID", 148_493)
        .put("REV_AT_EPOCH", 12)
        .put("BSTAR", -0.11606e-4)
        .put("MEAN_MOTION_DOT", -0.00001234)
        .put("MEAN_MOTION_DDOT", 0.12345e-5);

    ElementSet set = OmmParser.parse(new JsonArray().add(iss)).accepted().get(0);

    assertThat(TLE.isFormatOK(set.line1(), set.line2())).isTrue();
    assertOrekitAgrees(set);
  }

  private static void assertOrekitAgrees(ElementSet set) {
    TLE tle = new TLE(set.line1(), set.line2(), LABELS);
    LocalDateTime epoch = LocalDateTime.ofInstant(set.epoch(), ZoneOffset.UTC);
    AbsoluteDate sameLabel = new AbsoluteDate(epoch.getYear(), epoch.getMonthValue(),
        epoch.getDayOfMonth(), epoch.getHour(), epoch.getMinute(),
        epoch.getSecond() + epoch.getNano() / 1e9, LABELS);

    assertThat(tle.getSatelliteNumber()).isEqualTo(set.noradId());
    assertThat(tle.getClassification()).isEqualTo(set.classification());
    assertThat(tle.getDate().durationFrom(sameLabel)).isCloseTo(0, within(1e-6));
    assertThat(tle.getMeanMotion() / REV_PER_DAY_IN_RAD_PER_S).isCloseTo(set.meanMotion(),
        within(1e-11));
    assertThat(tle.getE()).isCloseTo(set.eccentricity(), within(1e-15));
    assertThat(Math.toDegrees(tle.getI())).isCloseTo(set.inclination(), within(1e-11));
    assertThat(Math.toDegrees(tle.getRaan())).isCloseTo(set.raan(), within(1e-11));
    assertThat(Math.toDegrees(tle.getPerigeeArgument()))
        .isCloseTo(set.argumentOfPerigee(), within(1e-11));
    assertThat(Math.toDegrees(tle.getMeanAnomaly())).isCloseTo(set.meanAnomaly(), within(1e-11));
    assertThat(tle.getBStar()).isCloseTo(set.bstar(), within(1e-15));
    // Orekit keeps the derivatives themselves; the TLE columns hold them divided by 2 and by 6
    assertThat(tle.getMeanMotionFirstDerivative() / REV_PER_DAY_IN_RAD_PER_S * 86_400 / 2)
        .isCloseTo(set.meanMotionDot(), within(1e-15));
    assertThat(tle.getMeanMotionSecondDerivative() / REV_PER_DAY_IN_RAD_PER_S * 86_400 * 86_400 / 6)
        .isCloseTo(set.meanMotionDdot(), within(1e-15));
    assertThat(tle.getElementNumber()).isEqualTo(set.elementSetNumber());
    assertThat(tle.getRevolutionNumberAtEpoch()).isEqualTo(set.revolutionNumber());
    assertThat(tle.getEphemerisType()).isEqualTo(set.ephemerisType());
    if (set.internationalDesignator() != null) {
      String designator = String.format(Locale.ROOT, "%d-%03d%s",
          tle.getLaunchYear(), tle.getLaunchNumber(), tle.getLaunchPiece());
      assertThat(designator).isEqualTo(set.internationalDesignator());
    }
  }
}
