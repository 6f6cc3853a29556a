package talos.core.orbit;

import org.orekit.propagation.analytical.tle.TLE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real element set of 2026-03-19 and the sites the orbit tests look from. */
final class OrbitFixtures {

  static final OrbitContext CONTEXT = OrbitContext.offline();
  static final Instant DAY = Instant.parse("2026-03-19T00:00:00Z");

  static final Site BERLIN = Site.at(52.5200, 13.4050, 34);
  static final Site SVALBARD = Site.at(78.2298, 15.4078, 458);
  static final Site QUITO = Site.at(-0.1807, -78.4678, 2850);
  static final Site HOBART = Site.at(-42.8821, 147.3272, 10);

  static final int ISS = 25544;
  static final int GOES_19 = 60133;
  static final int GOES_18 = 51850;

  private static final Map<Integer, String[]> LINES = load();

  private OrbitFixtures() {
  }

  static TLE tle(int noradId) {
    String[] lines = LINES.get(noradId);
    if (lines == null) {
      throw new IllegalArgumentException("NORAD " + noradId + " is not in the test catalogue");
    }
    return new TLE(lines[0], lines[1], CONTEXT.utc());
  }

  private static Map<Integer, String[]> load() {
    try (InputStream in = OrbitFixtures.class.getClassLoader()
        .getResourceAsStream("catalog/active-2026-03-19.tle")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
      Map<Integer, String[]> byId = new HashMap<>();
      for (int i = 0; i + 2 < lines.size(); i += 3) {
        byId.put(Integer.parseInt(lines.get(i + 1).substring(2, 7).trim()),
            new String[] {lines.get(i + 1), lines.get(i + 2)});
      }
      return byId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
