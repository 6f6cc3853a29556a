package talos.agent;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import talos.driver.DriverDescriptor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a station agent from the command line and stops it cleanly on SIGTERM or Ctrl-C.
 *
 * <p>Exit codes: 0 after {@code --help} or a successful {@code --check}; 1 when the agent fails to
 * start; 2 for a bad command line or configuration. On SIGTERM or Ctrl-C the agent stops the
 * rotator, publishes {@code offline} and closes its devices before the JVM exits.
 */
public final class Main {

  /** The configuration file read when {@code --config} is not given, if it exists. */
  static final Path DEFAULT_CONFIG = Path.of("conf", "agent.json");

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(8);

  /** The environment variables that override the configuration file. */
  enum Variable {
    SERVER("TALOS_AGENT_SERVER", "server", "the core's MQTT gateway, mqtt://host:port or "
        + "mqtts://host:port"),
    STATION_ID("TALOS_AGENT_STATION_ID", "stationId", "the station's id (a UUID)"),
    ORG("TALOS_AGENT_ORG", "org", "the slug of the organisation that owns the station"),
    KEY_FILE("TALOS_AGENT_KEY_FILE", "keyFile", "a file holding the station's key (replaces key)"),
    TRUSTED_CA("TALOS_AGENT_TRUSTED_CA", "trustedCa", "a PEM file of the CAs trusted for mqtts://"),
    PLUGINS_DIR("TALOS_AGENT_PLUGINS_DIR", "pluginsDir", "the folder of driver plugin jars");

    private final String env;
    private final String field;
    private final String description;

    Variable(String env, String field, String description) {
      this.env = env;
      this.field = field;
      this.description = description;
    }
  }

  private Main() {
  }

  public static void main(String[] args) {
    OptionalInt exit = run(args, System.getenv(), System.out);
    if (exit.isPresent()) {
      System.out.flush();
      System.exit(exit.getAsInt());
    }
  }

  /**
   * Carries out a command line.
   *
   * @return the exit code, or empty when the agent was started and runs until the JVM stops
   */
  static OptionalInt run(String[] args, Map<String, String> env, PrintStream out) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      LOG.error("{}; run with --help for the options", e.getMessage());
      return OptionalInt.of(2);
    }
    if (commandLine.help()) {
      printUsage(out);
      return OptionalInt.of(0);
    }
    AgentConfig config;
    try {
      config = AgentConfig.fromJson(configJson(commandLine.configFile(), env));
    } catch (AgentConfigException e) {
      if (commandLine.check()) {
        out.println(e.getMessage());
      } else {
        LOG.error("cannot start: {}", e.getMessage());
      }
      return OptionalInt.of(2);
    }
    DriverRegistry registry = DriverRegistry.load(Main.class.getClassLoader(), config.pluginsDir());
    if (commandLine.check()) {
      return OptionalInt.of(check(config, registry, out));
    }
    return start(config, registry);
  }

  /**
   * The configuration as JSON: the file ({@code --config}, or {@link #DEFAULT_CONFIG} when it
   * exists) with the environment variables of {@link Variable} applied over it.
   *
   * @throws AgentConfigException when the file cannot be read or is not a JSON object
   */
  static JsonObject configJson(Path configFile, Map<String, String> env) {
    JsonObject json = new JsonObject();
    Path file = configFile != null ? configFile
        : Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    if (file != null) {
      try {
        json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new AgentConfigException("--config: '" + file + "' cannot be read ("
            + e.getClass().getSimpleName() + "); allowed: a readable JSON file");
      } catch (DecodeException e) {
        throw new AgentConfigException("--config: '" + file + "' is not a JSON object ("
            + e.getMessage() + "); allowed: a JSON object as in conf/agent.json");
      }
    }
    for (Variable variable : Variable.values()) {
      String value = env.get(variable.env);
      if (value != null && !value.isBlank()) {
        if (variable == Variable.KEY_FILE) {
          json.remove("key");
        }
        json.put(variable.field, value.trim());
      }
    }
    return json;
  }

  private static int check(AgentConfig config, DriverRegistry registry, PrintStream out) {
    List<DriverRegistry.DevicePlan> plans;
    try {
      plans = registry.plan(config);
    } catch (AgentConfigException e) {
      out.println(e.getMessage());
      return 2;
    }
    out.println("configuration OK");
    out.println("  server:    " + config.server() + (config.trustedCa() == null ? ""
        : " (trusting " + config.trustedCa() + ")"));
    out.println("  station:   " + config.stationId() + " of " + config.org());
    out.println("  drivers:   " + registry.drivers().size() + " found (plugins folder "
        + registry.pluginsDir().toAbsolutePath() + ")");
    for (DriverRegistry.Entry entry : registry.drivers()) {
      DriverDescriptor descriptor = entry.descriptor();
      out.println("    " + descriptor.name() + " " + descriptor.version() + " from "
          + entry.source() + ": " + descriptor.description());
    }
    for (DriverRegistry.DevicePlan plan : plans) {
      out.println("  " + String.format("%-10s %s %s", plan.name() + ":",
          plan.driver().descriptor().name(), plan.options()));
    }
    AgentConfig.Limits limits = config.limits();
    out.println("  limits:    azimuth " + limits.azimuth() + "°, elevation " + limits.elevation()
        + "°, park " + limits.park() + frequencies(limits));
    AgentConfig.Safety safety = config.safety();
    out.println("  safety:    stale after " + Durations.format(safety.staleAfter())
        + ", stop after " + Durations.format(safety.stopAfter()) + ", park after "
        + Durations.format(safety.parkAfter()) + ", control " + safety.controlRate()
        + " Hz, telemetry every " + Durations.format(safety.telemetryInterval()) + ", deadband "
        + safety.deadband() + "°");
    out.println("  reconnect: " + Durations.format(config.reconnect().initial()) + " to "
        + Durations.format(config.reconnect().max()));
    out.println("  front door: " + (config.frontDoor() == null ? "off" : config.frontDoor()));
    return 0;
  }

  private static String frequencies(AgentConfig.Limits limits) {
    if (limits.minFrequencyHz() == null && limits.maxFrequencyHz() == null) {
      return "";
    }
    return ", frequencies [" + (limits.minFrequencyHz() == null ? "-" : limits.minFrequencyHz())
        + ", " + (limits.maxFrequencyHz() == null ? "-" : limits.maxFrequencyHz()) + "] Hz";
  }

  private static OptionalInt start(AgentConfig config, DriverRegistry registry) {
    Vertx vertx = Vertx.vertx();
    StationAgent agent;
    try {
      agent = StationAgent.start(vertx, config, registry).toCompletionStage().toCompletableFuture()
          .join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      vertx.close();
      if (cause instanceof AgentConfigException) {
        LOG.error("cannot start: {}", cause.getMessage());
        return OptionalInt.of(2);
      }
      LOG.error("cannot start: {}", cause.getMessage(), cause);
      return OptionalInt.of(1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, agent),
        "talos-agent-shutdown"));
    return OptionalInt.empty();
  }

  private static void stop(Vertx vertx, StationAgent agent) {
    LOG.info("stopping station agent");
    try {
      agent.stop().toCompletionStage().toCompletableFuture()
          .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      vertx.close().toCompletionStage().toCompletableFuture()
          .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("station agent did not stop cleanly [reason: {}]", e.toString());
    }
  }

  static void printUsage(PrintStream out) {
    StringBuilder usage = new StringBuilder()
        .append("Usage: java -jar talos-agent.jar [options]\n\n")
        .append("Runs a Talos station agent: connects to the core's MQTT gateway and drives the\n")
        .append("station's rotator and radio through driver plugins, within the local limits.\n\n")
        .append("Options:\n")
        .append("  --config FILE   the agent's JSON configuration (default conf/agent.json when"
            + " present)\n")
        .append("  --check         check the configuration and the drivers, print what would run,"
            + " and exit\n")
        .append("  --help          show this help and exit\n\n")
        .append("Environment variables (each overrides the field of the configuration file):\n");
    for (Variable variable : Variable.values()) {
      usage.append(String.format("  %-24s %s: %s%n", variable.env, variable.field,
          variable.description));
    }
    usage.append("  TALOS_LOG_LEVEL          the level of the talos loggers (default INFO)\n")
        .append("  TALOS_LOG_FORMAT         text (default) or json\n\n")
        .append("Exit codes:\n")
        .append("  0  --help, or --check found no problem\n")
        .append("  1  the agent failed to start\n")
        .append("  2  bad command line or configuration\n")
        .append("SIGTERM or Ctrl-C stops the rotator, publishes offline and closes the"
            + " devices.\n\n")
        .append("Driver plugins are jars in the plugins folder (pluginsDir). More in"
            + " docs/agent.md.\n");
    out.print(usage);
    out.flush();
  }

  /** The parsed command line. */
  record CommandLine(boolean help, boolean check, Path configFile) {

    static CommandLine parse(String[] args) {
      boolean help = false;
      boolean check = false;
      Path configFile = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h" -> help = true;
          case "--check" -> check = true;
          case "--config" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--config needs a file name");
            }
            configFile = Path.of(args[++i]);
          }
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      return new CommandLine(help, check, configFile);
    }
  }
}
