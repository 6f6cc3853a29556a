package talos.benchmarks;

import org.orekit.propagation.analytical.tle.TLE;
import talos.core.catalog.TleParser;
import talos.core.orbit.OrbitContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The benchmark catalogue, read with the project's own strict parser. */
final class ElementSets {

  private ElementSets() {
  }

  static List<TLE> load(String file, OrbitContext context) throws IOException {
    return TleParser.parse(Files.readString(Path.of(file))).accepted().stream()
        .map(set -> new TLE(set.line1(), set.line2(), context.utc()))
        .toList();
  }
}
