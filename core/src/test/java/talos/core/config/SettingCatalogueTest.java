package talos.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies that the operator-facing documents list every setting the core reads. */
class SettingCatalogueTest {

  private static final Path PROJECT = Path.of("..");

  @Test
  void testEnvExampleExplainsEverySetting() throws IOException {
    String example = Files.readString(PROJECT.resolve(".env.example"));

    assertThat(Arrays.stream(Setting.values()))
        .allSatisfy(setting -> assertThat(example).contains("\n" + setting.env() + "=")
            .as("explanation of %s", setting.env()).containsPattern("# .+\\n" + setting.env() + "="));
  }

  @Test
  void testReadmeConfigurationTableListsEverySetting() throws IOException {
    String readme = Files.readString(PROJECT.resolve("README.md"));

    assertThat(Arrays.stream(Setting.values()))
        .allSatisfy(setting -> assertThat(readme).contains("| `" + setting.env() + "` |"));
  }

  @Test
  void testShippedDefaultsHaveAValueForEveryRequiredSetting() {
    SettingReader reader = new SettingReader(talos.core.support.TestConfigs.defaults());

    assertThat(Arrays.stream(Setting.values()).filter(setting -> !setting.isOptional()))
        .allSatisfy(setting -> assertThat(reader.raw(setting)).as(setting.path()).isNotNull());
  }
}
