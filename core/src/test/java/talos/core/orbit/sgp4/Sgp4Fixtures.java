package talos.core.orbit.sgp4;

import org.orekit.propagation.analytical.tle.TLE;
import talos.core.orbit.OrbitContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The element sets and the Orekit context the SGP4 tests share. */
final class Sgp4Fixtures {

  static final OrbitContext CONTEXT = OrbitContext.offline();

  /** One object of the catalogue: its name and its two lines. */
  record ElementSet(String name, String line1, String line2) {

    TLE tle() {
      return new TLE(line1, line2, CONTEXT.utc());
    }

    /** The eccentricity field of line 2, as written. */
    String eccentricityField() {
      return line2.substring(26, 33);
    }
  }

  private Sgp4Fixtures() {
  }

  /** Every object of the 2026-03-19 catalogue (3-line format), in file order. */
  static List<ElementSet> catalogue() {
    try (InputStream in = Sgp4Fixtures.class.getClassLoader()
        .getResourceAsStream("catalog/active-2026-03-19.tle")) {
      List<String> lines =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
      List<ElementSet> sets = new ArrayList<>();
      for (int i = 0; i + 2 < lines.size(); i += 3) {
        sets.add(new ElementSet(lines.get(i).trim(), lines.get(i + 1), lines.get(i + 2)));
      }
      return sets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The catalogue object named {@code name}. */
  static ElementSet named(String name) {
    return catalogue().stream().filter(set -> set.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " is not in the test catalogue"));
  }
}
