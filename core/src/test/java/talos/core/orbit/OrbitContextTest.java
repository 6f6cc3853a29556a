package talos.core.orbit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Verifies how the orbit engine's data context is built from the shipped data and an operator's folder. */
class OrbitContextTest {

  @Test
  void testAMissingOrekitDataFolderIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("orekit-data");

    assertThatThrownBy(() -> OrbitContext.create(Optional.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("orekit data folder '" + missing + "' does not exist");
  }

  @Test
  void testAFolderWithoutEarthOrientationFilesStillTracksLikeTheShippedData(@TempDir Path dir) {
    OrbitContext withFolder = OrbitContext.create(Optional.of(dir));
    Instant noon = Instant.parse("2026-03-19T12:00:00Z");

    Look shipped = new Tracker(OrbitFixtures.CONTEXT, OrbitFixtures.tle(OrbitFixtures.ISS), OrbitFixtures.BERLIN)
        .look(noon);
    Look folder = new Tracker(withFolder, OrbitFixtures.tle(OrbitFixtures.ISS), OrbitFixtures.BERLIN).look(noon);

    assertThat(withFolder.usesOrekitDataFolder()).isTrue();
    assertThat(folder.elevation()).isCloseTo(shipped.elevation(), within(1e-9));
  }
}
