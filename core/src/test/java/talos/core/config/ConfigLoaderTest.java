package talos.core.config;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies that vertx-config reads the shipped defaults, an operator file and overrides in order. */
@ExtendWith(VertxExtension.class)
@Timeout(10_000)
class ConfigLoaderTest {

  @Test
  void testDefaultsAreReadFromTheShippedFile(Vertx vertx, VertxTestContext test) {
    ConfigLoader.load(vertx, null, new JsonObject())
        .onComplete(test.succeeding(config -> test.verify(() -> {
          assertThat(config.http().port()).isEqualTo(8080);
          assertThat(config.cluster().name()).isEqualTo("talos");
          test.completeNow();
        })));
  }

  @Test
  void testAnOperatorFileOverridesDefaultsAndCommandLineOverridesBoth(Vertx vertx, VertxTestContext test,
                                                                       @TempDir Path dir) throws Exception {
    Path file = dir.resolve("site.json");
    Files.writeString(file, "{\"http\": {\"port\": 9191}, \"cluster\": {\"name\": \"site-a\"}}");

    ConfigLoader.load(vertx, file, new JsonObject().put("TALOS_CLUSTER_NAME", "override"))
        .onComplete(test.succeeding(config -> test.verify(() -> {
          assertThat(config.http().port()).isEqualTo(9191);
          assertThat(config.cluster().name()).isEqualTo("override");
          assertThat(config.http().bodyLimit()).isEqualTo(1024 * 1024);
          test.completeNow();
        })));
  }

  @Test
  void testAMissingOperatorFileIsNamed(Vertx vertx, VertxTestContext test, @TempDir Path dir) {
    Path missing = dir.resolve("nope.json");

    ConfigLoader.load(vertx, missing, new JsonObject())
        .onComplete(test.failing(e -> test.verify(() -> {
          assertThat(e).isInstanceOf(ConfigException.class).hasMessageContaining("--config: '" + missing + "'");
          test.completeNow();
        })));
  }
}
