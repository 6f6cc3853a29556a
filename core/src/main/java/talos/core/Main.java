package talos.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import talos.core.config.ConfigException;
import talos.core.config.ConfigLoader;
import talos.core.config.CoreConfig;
import talos.core.config.LogSettings;
import talos.core.config.Setting;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a core node from the command line and stops it on SIGTERM or Ctrl-C.
 *
 * <p>Exit codes: 0 after a clean stop or {@code --help}, 1 when the node fails to start, 2 for a bad
 * command line or configuration.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(9);

  private Main() {
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.setProperty("hazelcast.logging.type", "slf4j");

    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      LOG.error("{}; run with --help for the options", e.getMessage());
      System.exit(2);
      return;
    }
    if (commandLine.help()) {
      printUsage(System.out);
      return;
    }

    CoreConfig config;
    try {
      config = loadConfig(commandLine);
    } catch (ConfigException e) {
      LOG.error("cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    }
    LogSettings.apply(config);
    LOG.info("starting talos core {} [{}]", NodeContext.buildVersion(), config.summary());

    CompletableFuture<CoreNode> started = CoreNode.start(config).toCompletionStage().toCompletableFuture();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "talos-shutdown"));
    try {
      CoreNode node = started.join();
      LOG.info("talos core ready at {} in {} s [node: {}]", url(config, node.httpPort()),
          String.format("%.1f", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0),
          node.context().cluster().nodeId());
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof ConfigException) {
        LOG.error("cannot start: {}", cause.getMessage());
        System.exit(2);
      }
      LOG.error("cannot start: {}", cause.getMessage(), cause);
      System.exit(1);
    }
  }

  private static CoreConfig loadConfig(CommandLine commandLine) {
    Vertx bootstrap = Vertx.vertx();
    try {
      JsonObject overrides = new JsonObject();
      if (commandLine.cluster()) {
        overrides.put(Setting.CLUSTER_ENABLED.env(), "true");
      }
      if (commandLine.demo()) {
        overrides.put(Setting.DEMO.env(), "true");
      }
      if (!commandLine.catalogueFiles().isEmpty()) {
        overrides.put(Setting.CATALOGUE_FILES.env(), String.join(",", commandLine.catalogueFiles()));
      }
      Future<CoreConfig> loaded = ConfigLoader.load(bootstrap, commandLine.configFile(), overrides);
      return loaded.toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof ConfigException config ? config : new ConfigException(cause.getMessage());
    } finally {
      bootstrap.close();
    }
  }

  private static void stop(CompletableFuture<CoreNode> started) {
    try {
      CoreNode node = started.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("stopping talos core");
      node.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("talos core stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // a node that failed to start has already undone its own work
      LOG.debug("nothing to stop", e);
    }
  }

  private static String url(CoreConfig config, int port) {
    String host = config.http().host();
    boolean anyAddress = host.equals("0.0.0.0") || host.equals("::");
    return "http://" + (anyAddress ? "localhost" : host) + ":" + port;
  }

  static void printUsage(PrintStream out) {
    StringBuilder usage = new StringBuilder()
        .append("Usage: java -jar talos-core.jar [options]\n\n")
        .append("Starts a Talos control server: REST API, health checks and metrics over HTTP, with an\n")
        .append("embedded PostgreSQL unless DATABASE_URL names an external one.\n\n")
        .append("Options:\n")
        .append("  --config FILE   JSON file whose settings override conf/core.json\n")
        .append("  --cluster       join the cluster described by conf/cluster.xml (TALOS_CLUSTER=true)\n")
        .append("  --demo          run a demo organisation and a simulated station tracking real\n")
        .append("                  satellites; sign in as demo@talos.test (TALOS_DEMO=true)\n")
        .append("  --catalogue FILE  import TLE/3LE or OMM JSON elements at start (repeatable)\n")
        .append("  --help          show this help and exit\n\n")
        .append("Environment variables (each overrides the setting in conf/core.json):\n");
    for (Setting setting : Setting.values()) {
      usage.append(String.format("  %-26s %s%n", setting.env(), setting.description()));
    }
    usage.append("\nMore in README.md and docs/operations.md.\n");
    out.print(usage);
    out.flush();
  }

  /** The parsed command line. */
  record CommandLine(boolean help, boolean cluster, boolean demo, Path configFile,
                     List<String> catalogueFiles) {

    static CommandLine parse(String[] args) {
      boolean help = false;
      boolean cluster = false;
      boolean demo = false;
      Path configFile = null;
      List<String> catalogueFiles = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--help", "-h" -> help = true;
          case "--cluster" -> cluster = true;
          case "--demo" -> demo = true;
          case "--config" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--config needs a file name");
            }
            configFile = Path.of(args[++i]);
          }
          case "--catalogue" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--catalogue needs a file name");
            }
            catalogueFiles.add(args[++i]);
          }
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      return new CommandLine(help, cluster, demo, configFile, List.copyOf(catalogueFiles));
    }
  }
}
