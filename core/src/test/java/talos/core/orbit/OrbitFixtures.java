package talos.core.orbit;

import org.orekit.propagation.analytical.tle.TLE;
import talos.core.catalog.TleParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The real element set of 2026-03-19 and the sites the orbit tests look from. */
public final class OrbitFixtures {

  public static final OrbitContext CONTEXT = OrbitContext.offline();
  public static final Instant DAY = Instant.parse("2026-03-19T00:00:00Z");

  public static final Site BERLIN = Site.at(52.5200, 13.4050, 34);
  public static final Site SVALBARD = Site.at(78.2298, 15.4078, 458);
  public static final Site QUITO = Site.at(-0.1807, -78.4678, 2850);
  public static final Site HOBART = Site.at(-42.8821, 147.3272, 10);

  public static final int ISS = 25544;
  public static final int GOES_19 = 60133;
  public static final int GOES_18 = 51850;

  private static final List<TLE> CATALOGUE = load();

  private OrbitFixtures() {
  }

  /** The whole element set, in file order. */
  public static List<TLE> catalogue() {
    return CATALOGUE;
  }

  public static TLE tle(int noradId) {
    return CATALOGUE.stream().filter(tle -> tle.getSatelliteNumber() == noradId).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("NORAD " + noradId + " is not in the test catalogue"));
  }

  private static List<TLE> load() {
    try (InputStream in = OrbitFixtures.class.getClassLoader()
        .getResourceAsStream("catalog/active-2026-03-19.tle")) {
      return TleParser.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).accepted().stream()
          .map(set -> new TLE(set.line1(), set.line2(), CONTEXT.utc()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
