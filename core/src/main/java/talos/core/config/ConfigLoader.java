package talos.core.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Loads the core's configuration through vertx-config: the defaults in {@code conf/core.json} (from
 * the working folder, else from the jar), then an optional operator file, then environment
 * variables named in {@link Setting}.
 */
public final class ConfigLoader {

  /** The defaults file, resolved against the working folder and then the classpath. */
  public static final String DEFAULTS = "conf/core.json";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  private ConfigLoader() {
  }

  /**
   * Reads and validates the configuration; later sources win: defaults file, {@code extraFile},
   * environment, {@code overrides}.
   *
   * @param extraFile an operator's JSON file that overrides the defaults, or {@code null}
   * @param overrides settings from the command line by variable name; they win over everything
   * @return a future that succeeds with the validated configuration, or fails with a
   *     {@link ConfigException} naming each bad variable
   */
  public static Future<CoreConfig> load(Vertx vertx, Path extraFile, JsonObject overrides) {
    if (extraFile != null && !Files.isRegularFile(extraFile)) {
      return Future.failedFuture(new ConfigException("--config: '" + extraFile + "' is not a readable file"));
    }
    warnAboutUnknownVariables(System.getenv());

    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
        .setIncludeDefaultStores(false)
        .addStore(fileStore(DEFAULTS));
    if (extraFile != null) {
      options.addStore(fileStore(extraFile.toString()));
    }
    JsonArray keys = new JsonArray(Arrays.stream(Setting.values()).map(Setting::env).toList());
    options.addStore(new ConfigStoreOptions()
        .setType("env")
        .setConfig(new JsonObject().put("raw-data", true).put("keys", keys)));
    options.addStore(new ConfigStoreOptions().setType("json").setConfig(overrides));

    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .eventually(retriever::close)
        .map(CoreConfig::from);
  }

  static void warnAboutUnknownVariables(Map<String, String> environment) {
    environment.keySet().stream()
        .filter(name -> name.startsWith("TALOS_"))
        .filter(name -> Setting.byEnv(name).isEmpty())
        .sorted()
        .forEach(name -> LOG.warn("ignoring unknown environment variable [name: {}]; see .env.example", name));
  }

  private static ConfigStoreOptions fileStore(String path) {
    return new ConfigStoreOptions()
        .setType("file")
        .setFormat("json")
        .setConfig(new JsonObject().put("path", path));
  }
}
