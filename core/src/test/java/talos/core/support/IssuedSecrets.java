package talos.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every secret the tests obtain (sign-in links, session cookies, API tokens, station keys) is written
 * to {@value #FILE} under the test log folder, so that a last test can check that none of them
 * appears in any log of the run.
 */
public final class IssuedSecrets {

  public static final String FILE = "issued-secrets.txt";

  private IssuedSecrets() {
  }

  /** The folder that collects the logs of the test run: {@code target/test-logs}. */
  public static Path logFolder() {
    Path folder = Path.of(System.getProperty("talos.test.logs", "target/test-logs"));
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  public static synchronized void record(String secret) {
    try {
      Files.writeString(logFolder().resolve(FILE), secret + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> all() throws IOException {
    Path file = logFolder().resolve(FILE);
    return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList() : List.of();
  }
}
