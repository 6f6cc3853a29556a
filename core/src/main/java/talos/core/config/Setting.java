package talos.core.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of every setting the core reads.
 *
 * <p>Each setting has a default in {@code conf/core.json} at its {@link #path() JSON path} and can be
 * overridden by the environment variable {@link #env() env}. The catalogue is the single source for
 * validation, for masking secrets and for the documentation in {@code .env.example} and the README.
 */
public enum Setting {

  MODE("TALOS_MODE", "mode", Kind.CHOICE,
      "dev (defaults suit a laptop) or production (refuses to start with missing or default secrets)",
      "dev", "production"),
  SECRET_KEY("TALOS_SECRET_KEY", "secretKey", Kind.SECRET,
      "key that signs sessions and tokens; in production at least 32 characters and not the default"),
  DATA_DIR("TALOS_DATA_DIR", "dataDir", Kind.TEXT,
      "folder for the embedded PostgreSQL data, its binaries and its log"),
  DATABASE_URL("DATABASE_URL", "database.url", Kind.SECRET,
      "postgresql://user:pass@host:port/db of an external PostgreSQL; empty starts the embedded one"),
  DATABASE_POOL_SIZE("TALOS_DATABASE_POOL_SIZE", "database.poolSize", Kind.INTEGER,
      "maximum connections in the database pool", 1, 200),
  HTTP_HOST("TALOS_HTTP_HOST", "http.host", Kind.TEXT,
      "address the HTTP server binds to"),
  HTTP_PORT("TALOS_HTTP_PORT", "http.port", Kind.INTEGER,
      "port of the REST API, health checks and metrics (0 picks a free port)", 0, 65535),
  HTTP_BODY_LIMIT("TALOS_HTTP_BODY_LIMIT", "http.bodyLimit", Kind.INTEGER,
      "largest accepted request body in bytes; larger bodies get 413", 1024, 64 * 1024 * 1024),
  PUBLIC_URL("TALOS_PUBLIC_URL", "http.publicUrl", Kind.TEXT,
      "URL users reach the server at: used in sign-in links, as the allowed browser origin and,"
          + " when https, for Secure cookies; production needs https"),
  CORS_ORIGINS("TALOS_CORS_ORIGINS", "http.corsOrigins", Kind.LIST,
      "comma-separated extra browser origins (scheme://host[:port]) allowed to call the API; no wildcard"),
  TRUSTED_PROXIES("TALOS_TRUSTED_PROXIES", "http.trustedProxies", Kind.LIST,
      "comma-separated IP addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed"),
  ADMIN_EMAIL("TALOS_ADMIN_EMAIL", "adminEmail", Kind.TEXT,
      "e-mail address of the platform administrator, who sees every organisation"),
  SMTP_HOST("TALOS_SMTP_HOST", "mail.smtpHost", Kind.TEXT,
      "SMTP server for sign-in mail; empty in dev mode writes each mail to <data dir>/outbox/"),
  SMTP_PORT("TALOS_SMTP_PORT", "mail.smtpPort", Kind.INTEGER,
      "SMTP server port", 1, 65535),
  SMTP_SECURITY("TALOS_SMTP_SECURITY", "mail.security", Kind.CHOICE,
      "starttls (required), tls (implicit TLS, usually port 465) or none (local relays only)",
      "starttls", "tls", "none"),
  SMTP_USERNAME("TALOS_SMTP_USERNAME", "mail.username", Kind.TEXT,
      "SMTP user name; empty sends without authentication"),
  SMTP_PASSWORD("TALOS_SMTP_PASSWORD", "mail.password", Kind.SECRET,
      "SMTP password"),
  MAIL_FROM("TALOS_MAIL_FROM", "mail.from", Kind.TEXT,
      "sender of sign-in mail, for example Talos <talos@example.org>"),
  CATALOGUE_SOURCES("TALOS_CATALOGUE_SOURCES", "catalogue.sources", Kind.LIST,
      "catalogue sources in order of preference: celestrak, satnogs; empty keeps the stored catalogue only"),
  CATALOGUE_FILES("TALOS_CATALOGUE_FILES", "catalogue.files", Kind.LIST,
      "comma-separated TLE/3LE or OMM JSON files imported into the catalogue at start (also --catalogue FILE)"),
  CELESTRAK_URL("TALOS_CELESTRAK_URL", "catalogue.celestrakUrl", Kind.TEXT,
      "base URL of CelesTrak's GP data service"),
  SATNOGS_URL("TALOS_SATNOGS_URL", "catalogue.satnogsUrl", Kind.TEXT,
      "base URL of the SatNOGS DB API"),
  CATALOGUE_REFRESH_HOURS("TALOS_CATALOGUE_REFRESH_HOURS", "catalogue.refreshHours", Kind.INTEGER,
      "hours between catalogue refreshes; the catalogue counts as stale after twice that", 1, 168),
  OREKIT_DATA("TALOS_OREKIT_DATA", "orekitData", Kind.TEXT,
      "optional orekit-data folder adding Earth orientation parameters to the shipped leap seconds"),
  MQTT_HOST("TALOS_MQTT_HOST", "mqtt.host", Kind.TEXT,
      "address the MQTT listeners bind to; production refuses a plain listener on a non-loopback"
          + " address unless TALOS_MQTT_ALLOW_PLAIN is true"),
  MQTT_PORT("TALOS_MQTT_PORT", "mqtt.port", Kind.INTEGER,
      "port of the plain MQTT listener (0 picks a free port, -1 turns it off)", -1, 65535),
  MQTT_TLS_PORT("TALOS_MQTT_TLS_PORT", "mqtt.tlsPort", Kind.INTEGER,
      "port of the MQTT over TLS listener, which runs when a certificate and key are set"
          + " (0 picks a free port)", 0, 65535),
  MQTT_TLS_CERT("TALOS_MQTT_TLS_CERT", "mqtt.tlsCert", Kind.TEXT,
      "PEM file with the MQTT server certificate (chain); with TALOS_MQTT_TLS_KEY it turns TLS on"),
  MQTT_TLS_KEY("TALOS_MQTT_TLS_KEY", "mqtt.tlsKey", Kind.TEXT,
      "PEM file with the private key of TALOS_MQTT_TLS_CERT (PKCS#8, or PKCS#1 for RSA)"),
  MQTT_ALLOW_PLAIN("TALOS_MQTT_ALLOW_PLAIN", "mqtt.allowPlain", Kind.BOOLEAN,
      "true lets production run the plain MQTT listener on a non-loopback address, for example"
          + " behind a TLS-terminating proxy"),
  MQTT_MAX_MESSAGE_BYTES("TALOS_MQTT_MAX_MESSAGE_BYTES", "mqtt.maxMessageBytes", Kind.INTEGER,
      "largest MQTT packet accepted, in bytes; a larger one closes that connection",
      1024, 16 * 1024 * 1024),
  MQTT_MESSAGE_RATE("TALOS_MQTT_MESSAGE_RATE", "mqtt.messageRate", Kind.INTEGER,
      "messages per second one MQTT connection may send on average, with bursts of twice that;"
          + " beyond it the connection is closed", 1, 100_000),
  MQTT_MAX_KEEP_ALIVE("TALOS_MQTT_MAX_KEEP_ALIVE", "mqtt.maxKeepAlive", Kind.INTEGER,
      "longest MQTT keep-alive in seconds; MQTT 5 clients asking for more or for 0 are given this,"
          + " MQTT 3.1.1 clients are refused", 10, 65535),
  FEATURES("TALOS_FEATURES", "features", Kind.LIST,
      "comma-separated feature verticles to deploy on this node"),
  CLUSTER_ENABLED("TALOS_CLUSTER", "cluster.enabled", Kind.BOOLEAN,
      "true joins the Hazelcast cluster described by conf/cluster.xml"),
  CLUSTER_NAME("TALOS_CLUSTER_NAME", "cluster.name", Kind.TEXT,
      "cluster name; only nodes with the same name join each other"),
  CLUSTER_HOST("TALOS_CLUSTER_HOST", "cluster.host", Kind.TEXT,
      "address this node uses for cluster membership and the event bus"),
  CLUSTER_PORT("TALOS_CLUSTER_PORT", "cluster.port", Kind.INTEGER,
      "first Hazelcast port to try; the next free one is taken when it is busy", 1, 65535),
  CLUSTER_MEMBERS("TALOS_CLUSTER_MEMBERS", "cluster.members", Kind.LIST,
      "comma-separated host or host:port of known members (no port ranges)"),
  DEMO("TALOS_DEMO", "demo", Kind.BOOLEAN,
      "true runs a demo organisation with a simulated station tracking real satellites (dev mode only)"),
  DIRECTOR_RATE("TALOS_DIRECTOR_RATE", "director.rate", Kind.INTEGER,
      "setpoints per second the director streams to a tracking station", 1, 20),
  SCHEDULE_HORIZON("TALOS_SCHEDULE_HORIZON", "schedule.horizonHours", Kind.INTEGER,
      "hours ahead the scheduler plans passes", 1, 168),
  SCHEDULE_PREEMPT("TALOS_SCHEDULE_PREEMPT", "schedule.preempt", Kind.BOOLEAN,
      "true lets a replan give the time of a pass already being tracked to another pass"),
  FRAMES_RETENTION("TALOS_FRAMES_RETENTION_DAYS", "streaming.retentionDays", Kind.INTEGER,
      "days received frames are kept; older ones are deleted", 1, 3650),
  LOG_FORMAT("TALOS_LOG_FORMAT", "log.format", Kind.CHOICE,
      "text for readable console lines, json for one JSON object per line", "text", "json"),
  LOG_LEVEL("TALOS_LOG_LEVEL", "log.level", Kind.CHOICE,
      "level of the talos loggers", "TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  /** How a setting's raw value is checked and converted. */
  public enum Kind { TEXT, SECRET, INTEGER, BOOLEAN, CHOICE, LIST }

  private final String env;
  private final String path;
  private final Kind kind;
  private final String description;
  private final List<String> choices;
  private final int min;
  private final int max;

  Setting(String env, String path, Kind kind, String description, String... choices) {
    this(env, path, kind, description, List.of(choices), Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  Setting(String env, String path, Kind kind, String description, int min, int max) {
    this(env, path, kind, description, List.of(), min, max);
  }

  Setting(String env, String path, Kind kind, String description, List<String> choices, int min, int max) {
    this.env = env;
    this.path = path;
    this.kind = kind;
    this.description = description;
    this.choices = choices;
    this.min = min;
    this.max = max;
  }

  /** The environment variable that overrides this setting. */
  public String env() {
    return env;
  }

  /** The dotted path of this setting in {@code conf/core.json}. */
  public String path() {
    return path;
  }

  public Kind kind() {
    return kind;
  }

  public String description() {
    return description;
  }

  public List<String> choices() {
    return choices;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public boolean isSecret() {
    return kind == Kind.SECRET;
  }

  /** Whether an empty value is allowed, and turns something off or selects a default behaviour. */
  public boolean isOptional() {
    return OPTIONAL.contains(this);
  }

  private static final Set<Setting> OPTIONAL = EnumSet.of(SECRET_KEY, DATABASE_URL, CORS_ORIGINS, TRUSTED_PROXIES,
      ADMIN_EMAIL, SMTP_HOST, SMTP_USERNAME, SMTP_PASSWORD, CATALOGUE_SOURCES, CATALOGUE_FILES, OREKIT_DATA,
      MQTT_TLS_CERT, MQTT_TLS_KEY);

  /** The setting overridden by the environment variable {@code env}, if there is one. */
  public static Optional<Setting> byEnv(String env) {
    return Arrays.stream(values()).filter(setting -> setting.env.equals(env)).findFirst();
  }
}
