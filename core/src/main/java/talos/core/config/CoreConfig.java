package talos.core.config;

import io.vertx.core.json.JsonObject;
import talos.core.db.DatabaseEndpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    Mqtt mqtt,
    List<String> features,
    Cluster cluster,
    Mail mail,
    Catalogue catalogue,
    Director director,
    Schedule schedule,
    Streaming streaming,
    boolean demo,
    Optional<String> adminEmail,
    String logFormat,
    String logLevel) {

  /** The secret shipped in {@code conf/core.json}; production refuses to start with it. */
  public static final String DEV_SECRET_KEY = "dev-only-secret-key-do-not-use-in-production";

  /** The shortest secret key production accepts. */
  public static final int MIN_SECRET_KEY_LENGTH = 32;

  private static final Pattern MEMBER =
      Pattern.compile("(\\[[0-9A-Fa-f:]+]|[A-Za-z0-9.\\-]+)(?::(\\d{1,5}))?");

  private static final Pattern ORIGIN =
      Pattern.compile("https?://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+])(:\\d{1,5})?");

  /** How strict the node is about its settings. */
  public enum Mode { DEV, PRODUCTION }

  /**
   * The HTTP server's settings.
   *
   * @param publicUrl the URL users reach the server at, without a trailing slash
   * @param allowedOrigins browser origins allowed to send credentials: the public URL's origin and
   *     the configured extra CORS origins
   */
  public record Http(String host, int port, int bodyLimit, URI publicUrl, List<String> allowedOrigins,
                     List<String> trustedProxies) {

    /** Whether users reach the server over HTTPS, so cookies must be Secure. */
    public boolean publicHttps() {
      return publicUrl.getScheme().equals("https");
    }
  }

  /**
   * How the director drives stations.
   *
   * @param rate setpoint messages per second to each tracking station
   */
  public record Director(int rate) {
  }

  /**
   * How received frames are kept.
   *
   * @param retentionDays days a frame is kept before it is deleted
   */
  public record Streaming(int retentionDays) {
  }

  /**
   * How the scheduler plans.
   *
   * @param horizonHours how far ahead passes are planned
   * @param preempt whether a replan may give the time of a pass being tracked to another pass
   */
  public record Schedule(int horizonHours, boolean preempt) {
  }

  /**
   * Where the satellite catalogue comes from and how often it is refreshed.
   *
   * @param sources source names in order of preference ({@code celestrak}, {@code satnogs})
   * @param files element set files imported at start
   * @param orekitData an orekit-data folder with Earth orientation data, when the operator gives one
   */
  public record Catalogue(List<String> sources, List<String> files, String celestrakUrl, String satnogsUrl,
                          int refreshHours, Optional<Path> orekitData) {
  }

  /** Outgoing mail; without an SMTP host, mail is written to files under the data folder. */
  public record Mail(Optional<String> smtpHost, int smtpPort, String security, Optional<String> username,
                     String password, String from) {

    @Override
    public String toString() {
      return "Mail[" + smtpHost.map(host -> host + ":" + smtpPort + " (" + security + ")").orElse("outbox") + "]";
    }
  }

  /**
   * The MQTT gateway's listeners and limits.
   *
   * @param port the plain listener's port, 0 for a free one, -1 when it is off
   * @param tls the TLS listener's certificate and key files, when TLS is on
   * @param messageRate messages per second one connection may send on average
   * @param maxKeepAlive the longest keep-alive a client may ask for, in seconds
   */
  public record Mqtt(String host, int port, int tlsPort, Optional<Tls> tls, boolean allowPlain,
                     int maxMessageBytes, int messageRate, int maxKeepAlive) {

    /** Whether the plain listener runs. */
    public boolean plainEnabled() {
      return port >= 0;
    }
  }

  /** PEM files of a TLS listener: the certificate chain and its private key. */
  public record Tls(Path certificate, Path key) {
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

    URI publicUrl = publicUrl(reader, mode);
    List<String> corsOrigins = reader.list(Setting.CORS_ORIGINS);
    checkOrigins(reader, corsOrigins);
    List<String> allowedOrigins = new ArrayList<>();
    allowedOrigins.add(origin(publicUrl));
    corsOrigins.stream().filter(origin -> !allowedOrigins.contains(origin)).forEach(allowedOrigins::add);
    List<String> trustedProxies = reader.list(Setting.TRUSTED_PROXIES);
    checkProxies(reader, trustedProxies);
    Http http = new Http(
        reader.text(Setting.HTTP_HOST),
        reader.integer(Setting.HTTP_PORT),
        reader.integer(Setting.HTTP_BODY_LIMIT),
        publicUrl,
        List.copyOf(allowedOrigins),
        trustedProxies);

    Optional<String> smtpHost = Optional.ofNullable(reader.optionalText(Setting.SMTP_HOST));
    if (mode == Mode.PRODUCTION && smtpHost.isEmpty()) {
      reader.problem(Setting.SMTP_HOST, "is missing; production sends sign-in links by SMTP");
    }
    String smtpPassword = reader.optionalText(Setting.SMTP_PASSWORD);
    Mail mail = new Mail(
        smtpHost,
        reader.integer(Setting.SMTP_PORT),
        reader.choice(Setting.SMTP_SECURITY),
        Optional.ofNullable(reader.optionalText(Setting.SMTP_USERNAME)),
        smtpPassword == null ? "" : smtpPassword,
        reader.text(Setting.MAIL_FROM));

    List<String> sources = reader.list(Setting.CATALOGUE_SOURCES);
    List<String> unknownSources = sources.stream().filter(name -> !List.of("celestrak", "satnogs").contains(name))
        .toList();
    if (!unknownSources.isEmpty()) {
      reader.problem(Setting.CATALOGUE_SOURCES, "'" + String.join(",", unknownSources)
          + "' is not a source; allowed: celestrak, satnogs");
    }
    Optional<Path> orekitData = Optional.ofNullable(reader.optionalText(Setting.OREKIT_DATA)).map(Path::of);
    orekitData.filter(folder -> !Files.isDirectory(folder)).ifPresent(folder ->
        reader.problem(Setting.OREKIT_DATA, "'" + folder + "' is not a folder; allowed: an orekit-data folder,"
            + " or empty to use the shipped leap seconds only"));
    Catalogue catalogue = new Catalogue(sources, reader.list(Setting.CATALOGUE_FILES),
        reader.text(Setting.CELESTRAK_URL).replaceFirst("/+$", ""),
        reader.text(Setting.SATNOGS_URL).replaceFirst("/+$", ""),
        reader.integer(Setting.CATALOGUE_REFRESH_HOURS),
        orekitData);

    Optional<String> adminEmail = Optional.ofNullable(reader.optionalText(Setting.ADMIN_EMAIL))
        .map(email -> email.toLowerCase(Locale.ROOT));
    adminEmail.filter(email -> !email.matches("[^@\\s]+@[^@\\s]+")).ifPresent(email ->
        reader.problem(Setting.ADMIN_EMAIL, "'" + email + "' is not an e-mail address"));

    boolean demo = reader.bool(Setting.DEMO);
    if (demo && mode == Mode.PRODUCTION) {
      reader.problem(Setting.DEMO, "true is allowed in dev mode only; a production node runs no "
          + "demo station");
    }
    List<String> features = new java.util.ArrayList<>(reader.list(Setting.FEATURES));
    if (demo && !features.contains("demo")) {
      features.add("demo");
    }
    List<String> missing = List.of("station", "catalog", "gateway", "director").stream()
        .filter(feature -> !features.contains(feature)).toList();
    if (demo && !missing.isEmpty()) {
      reader.problem(Setting.DEMO, "true needs the features " + String.join(", ", missing)
          + " in " + Setting.FEATURES.env());
    }
    Mqtt mqtt = mqtt(reader, mode, features);
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
        mqtt,
        List.copyOf(features),
        cluster,
        mail,
        catalogue,
        new Director(reader.integer(Setting.DIRECTOR_RATE)),
        new Schedule(reader.integer(Setting.SCHEDULE_HORIZON), reader.bool(Setting.SCHEDULE_PREEMPT)),
        new Streaming(reader.integer(Setting.FRAMES_RETENTION)),
        demo,
        adminEmail,
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
        + ", mqtt: " + mqtt.host() + ":" + (mqtt.plainEnabled() ? mqtt.port() : "off")
        + mqtt.tls().map(tls -> ", mqtt tls: " + mqtt.host() + ":" + mqtt.tlsPort()).orElse("")
        + ", public url: " + http.publicUrl()
        + ", cluster: " + (cluster.enabled() ? cluster.name() + " via " + cluster.host() : "off")
        + ", mail: " + mail.smtpHost().orElse("outbox")
        + ", features: " + String.join(",", features);
  }

  @Override
  public String toString() {
    return "CoreConfig[" + summary() + "]";
  }

  private static Mqtt mqtt(SettingReader reader, Mode mode, List<String> features) {
    String host = reader.text(Setting.MQTT_HOST);
    int port = reader.integer(Setting.MQTT_PORT);
    boolean allowPlain = reader.bool(Setting.MQTT_ALLOW_PLAIN);
    Optional<Tls> tls = tls(reader);
    boolean gateway = features.contains("gateway");
    if (gateway && mode == Mode.PRODUCTION && port >= 0 && !allowPlain && !isLoopback(host)) {
      reader.problem(Setting.MQTT_PORT, "a plain MQTT listener on '" + host + "' is not allowed in"
          + " production: station keys would cross the network unencrypted; allowed: -1 (off, with"
          + " TALOS_MQTT_TLS_CERT and TALOS_MQTT_TLS_KEY for TLS), TALOS_MQTT_HOST=127.0.0.1, or"
          + " TALOS_MQTT_ALLOW_PLAIN=true behind a TLS-terminating proxy");
    }
    if (gateway && port < 0 && tls.isEmpty()) {
      reader.problem(Setting.MQTT_PORT, "'-1' turns the plain listener off, and no TLS certificate"
          + " is set, so stations could not connect; allowed: a port, or TALOS_MQTT_TLS_CERT and"
          + " TALOS_MQTT_TLS_KEY");
    }
    return new Mqtt(host, port, reader.integer(Setting.MQTT_TLS_PORT), tls, allowPlain,
        reader.integer(Setting.MQTT_MAX_MESSAGE_BYTES), reader.integer(Setting.MQTT_MESSAGE_RATE),
        reader.integer(Setting.MQTT_MAX_KEEP_ALIVE));
  }

  private static Optional<Tls> tls(SettingReader reader) {
    String certificate = reader.optionalText(Setting.MQTT_TLS_CERT);
    String key = reader.optionalText(Setting.MQTT_TLS_KEY);
    if (certificate == null && key == null) {
      return Optional.empty();
    }
    if (certificate == null || key == null) {
      Setting missing = certificate == null ? Setting.MQTT_TLS_CERT : Setting.MQTT_TLS_KEY;
      reader.problem(missing, "is missing; TLS needs both TALOS_MQTT_TLS_CERT and"
          + " TALOS_MQTT_TLS_KEY, or neither to run without TLS");
      return Optional.empty();
    }
    boolean readable = true;
    for (Setting setting : List.of(Setting.MQTT_TLS_CERT, Setting.MQTT_TLS_KEY)) {
      Path file = Path.of(reader.optionalText(setting));
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        reader.problem(setting, "'" + file + "' is not a readable file; allowed: a PEM file");
        readable = false;
      }
    }
    return readable ? Optional.of(new Tls(Path.of(certificate), Path.of(key))) : Optional.empty();
  }

  /** Whether {@code host} names this machine's loopback interface, without asking a resolver. */
  static boolean isLoopback(String host) {
    String bare = host.replaceAll("^\\[|]$", "");
    return bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || bare.equals("::1");
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

  private static URI publicUrl(SettingReader reader, Mode mode) {
    String text = reader.text(Setting.PUBLIC_URL);
    URI fallback = URI.create("http://localhost");
    URI uri;
    try {
      uri = new URI(text.replaceFirst("/+$", ""));
    } catch (URISyntaxException e) {
      reader.problem(Setting.PUBLIC_URL, "'" + text + "' is not a URL; allowed: for example https://talos.example.org");
      return fallback;
    }
    boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!web || uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())
        || uri.getQuery() != null || uri.getUserInfo() != null) {
      reader.problem(Setting.PUBLIC_URL,
          "'" + text + "' is not allowed; allowed: http(s)://host[:port] without a path");
      return fallback;
    }
    if (mode == Mode.PRODUCTION && !uri.getScheme().equals("https")) {
      reader.problem(Setting.PUBLIC_URL, "'" + text + "' is not allowed in production; allowed: an https:// URL"
          + " (put a TLS proxy in front of the server)");
    }
    return uri;
  }

  /** The origin of a URL as browsers send it: scheme://host[:port]. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static void checkOrigins(SettingReader reader, List<String> origins) {
    List<String> invalid = origins.stream()
        .filter(origin -> !ORIGIN.matcher(origin).matches())
        .toList();
    if (!invalid.isEmpty()) {
      reader.problem(Setting.CORS_ORIGINS, "'" + String.join(",", invalid) + "' is not allowed; each origin is"
          + " scheme://host[:port] without a path, and wildcards are refused");
    }
  }

  private static void checkProxies(SettingReader reader, List<String> proxies) {
    List<String> invalid = proxies.stream()
        .filter(proxy -> !proxy.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*"))
        .toList();
    if (!invalid.isEmpty()) {
      reader.problem(Setting.TRUSTED_PROXIES, "'" + String.join(",", invalid) + "' is not allowed; allowed:"
          + " IP addresses, comma-separated");
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
