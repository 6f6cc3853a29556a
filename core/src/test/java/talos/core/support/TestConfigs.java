package talos.core.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import talos.core.config.CoreConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Configurations for tests: the shipped defaults with settings overridden by variable name. */
public final class TestConfigs {

  private TestConfigs() {
  }

  /** The shipped {@code conf/core.json}, as the file store reads it. */
  public static JsonObject defaults() {
    try (InputStream in = TestConfigs.class.getClassLoader().getResourceAsStream("conf/core.json")) {
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The defaults with {@code overrides} applied as if they were environment variables. */
  public static CoreConfig with(JsonObject overrides) {
    return CoreConfig.from(defaults().mergeIn(overrides));
  }

  /** A node on a fresh test database, with HTTP and MQTT on free ports. */
  public static CoreConfig node(JsonObject overrides) {
    return with(new JsonObject()
        .put("DATABASE_URL", TestDatabase.newDatabaseUrl())
        .put("TALOS_HTTP_PORT", "0")
        .put("TALOS_HTTP_HOST", "127.0.0.1")
        .put("TALOS_MQTT_PORT", "0")
        .put("TALOS_CATALOGUE_SOURCES", "")
        .mergeIn(overrides));
  }
}
