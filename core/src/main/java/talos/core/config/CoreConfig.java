package talos.core.config;

import io.vertx.core.json.JsonObject;
import talos.core.db.DatabaseEndpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validated settings of one core node. Build it with {@link #from(JsonObject)}; the instance is
 * immutable and safe to share between verticles.
 */
public record CoreConfig(
    Mode mode,
    String secretKey,
    Path dataDir,
    Optional<DatabaseEndpoint> externalDatabase,
    int databasePoolSize,
    Http http,
    List<String> features,
    Cluster cluster,
    String logFormat,
    String logLevel) {

  /** The secret shipped in {@code conf/core.json}; production refuses to start with it. */
  public static final String DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production";

  /** The shortest secret key production accepts. */
  public static final int MIN_SECRET_KEY_LENGTH = 32;

  private static final Pattern MEMBER =
      Pattern.compile("(\\[[0-9A-Fa-f:]+]|[A-Za-z0-9.\\-]+)(?::(\\d{1,5}))?");

  /** How strict the node is about its settings. */
  public enum Mode { DEV, PRODUCTION }

  /** The HTTP server's settings. */
  public record Http(String host, int port, int bodyLimit) {
  }

  /** Cluster membership settings; only read when {@code enabled}. */
  public record Cluster(boolean enabled, String name, String host, int port, List<String> members) {
  }

  /**
   * Validates merged configuration: the file's nested keys plus environment variables named after
   * {@link Setting#env()}.
   *
   * @throws ConfigException listing every problem, each naming its variable and what is allowed
   */
  public static CoreConfig from(JsonObject merged) {
    SettingReader reader = new SettingReader(merged);

    Mode mode = Mode.valueOf(reader.choice(Setting.MODE).toUpperCase(Locale.ROOT));
    String secretKey = reader.optionalText(Setting.SECRET_KEY);
    checkSecretKey(reader, mode, secretKey);

    Optional<DatabaseEndpoint> external = Optional.empty();
    String databaseUrl = reader.optionalText(Setting.DATABASE_URL);
    if (databaseUrl != null) {
      try {
        external = Optional.of(DatabaseEndpoint.parse(databaseUrl));
      } catch (IllegalArgumentException e) {
        reader.problem(Setting.DATABASE_URL, e.getMessage());
      }
    }

    Http http = new Http(
        reader.text(Setting.HTTP_HOST),
        reader.integer(Setting.HTTP_PORT),
        reader.integer(Setting.HTTP_BODY_LIMIT));

    List<String> features = reader.list(Setting.FEATURES);
    Cluster cluster = new Cluster(
        reader.bool(Setting.CLUSTER_ENABLED),
        reader.text(Setting.CLUSTER_NAME),
        reader.text(Setting.CLUSTER_HOST),
        reader.integer(Setting.CLUSTER_PORT),
        reader.list(Setting.CLUSTER_MEMBERS));
    checkMembers(reader, cluster.members());

    CoreConfig config = new CoreConfig(
        mode,
        secretKey == null ? "" : secretKey,
        Path.of(reader.text(Setting.DATA_DIR)),
        external,
        reader.integer(Setting.DATABASE_POOL_SIZE),
        http,
        features,
        cluster,
        reader.choice(Setting.LOG_FORMAT),
        reader.choice(Setting.LOG_LEVEL));

    if (!reader.problems().isEmpty()) {
      throw new ConfigException(reader.problems());
    }
    return config;
  }

  public boolean isProduction() {
    return mode == Mode.PRODUCTION;
  }

  /** A one-line summary for the start-up log; it holds no secret. */
  public String summary() {
    return "mode: " + mode.name().toLowerCase(Locale.ROOT)
        + ", data: " + dataDir.toAbsolutePath().normalize()
        + ", database: " + externalDatabase.map(DatabaseEndpoint::toString).orElse("embedded")
        + ", http: " + http.host() + ":" + http.port()
        + ", cluster: " + (cluster.enabled() ? cluster.name() + " via " + cluster.host() : "off")
        + ", features: " + String.join(",", features);
  }

  @Override
  public String toString() {
    return "CoreConfig[" + summary() + "]";
  }

  private static void checkSecretKey(SettingReader reader, Mode mode, String secretKey) {
    if (mode != Mode.PRODUCTION) {
      return;
    }
    if (secretKey == null) {
      reader.problem(Setting.SECRET_KEY, "is missing; production needs a random key of at least "
          + MIN_SECRET_KEY_LENGTH + " characters (for example: openssl rand -base64 48)");
    } else if (secretKey.equals(DEV_SECRET_KEY)) {
      reader.problem(Setting.SECRET_KEY, "is still the development default; production needs a random key of"
          + " at least " + MIN_SECRET_KEY_LENGTH + " characters (for example: openssl rand -base64 48)");
    } else if (secretKey.length() < MIN_SECRET_KEY_LENGTH) {
      reader.problem(Setting.SECRET_KEY, "is " + secretKey.length() + " characters long; production needs at least "
          + MIN_SECRET_KEY_LENGTH);
    }
  }

  private static void checkMembers(SettingReader reader, List<String> members) {
    List<String> invalid = members.stream().filter(member -> !isMemberAddress(member)).toList();
    if (!invalid.isEmpty()) {
      reader.problem(Setting.CLUSTER_MEMBERS, "'" + String.join(",", invalid) + "' is not allowed; each member is"
          + " host or host:port, without port or address ranges (list each member instead)");
    }
  }

  private static boolean isMemberAddress(String member) {
    Matcher matcher = MEMBER.matcher(member);
    if (!matcher.matches()) {
      return false;
    }
    String host = matcher.group(1);
    boolean numericRange = host.matches("[0-9.]*\\d-\\d[0-9.]*");
    return !numericRange;
  }
}
