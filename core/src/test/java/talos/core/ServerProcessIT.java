package talos.core;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import talos.core.support.IssuedSecrets;
import talos.core.support.ServerProcess;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the packaged server as an operator meets it: first start and restart on the same data,
 * SIGTERM and SIGKILL, refusal of a production start without a secret, JSON logs and the help text.
 */
@Timeout(300)
class ServerProcessIT {

  private static final String SECRET = "process-test-secret-key-which-must-never-be-logged";
  private static final Duration FIRST_START = Duration.ofSeconds(60);
  private static final Duration LATER_START = Duration.ofSeconds(30);
  private static final Pattern DATABASE_PORT = Pattern.compile("postgresql://postgres@127\\.0\\.0\\.1:(\\d+)/talos");

  @TempDir
  Path workDir;

  @Test
  void testRestartKeepsDataAndSigtermStopsEverythingWithinTenSeconds() throws Exception {
    Path dataDir = workDir.resolve("data");
    Map<String, String> env = Map.of("TALOS_DATA_DIR", dataDir.toString(), "TALOS_SECRET_KEY", SECRET);

    // GIVEN a first start on an empty data folder
    try (ServerProcess first = ServerProcess.start(workDir, env)) {
      first.awaitReady(FIRST_START);
      assertThat(first.output())
          .contains("database schema migrated [from: empty, to: 6")
          .containsPattern("talos core ready at http://127\\.0\\.0\\.1:" + first.httpPort() + " in \\d+\\.\\d s");

      // WHEN it gets SIGTERM
      Duration stopped = first.terminate(Duration.ofSeconds(10));

      // THEN it stops in time and leaves no database server behind
      assertThat(stopped).isLessThan(Duration.ofSeconds(10));
      assertThat(first.output()).contains("talos core stopped");
      assertThat(ServerProcess.processesMentioning(dataDir.toString())).isEmpty();
      assertThat(first.output()).doesNotContain(SECRET);
    }

    // WHEN it starts again on the same data, logging JSON
    Map<String, String> jsonEnv = new HashMap<>(env);
    jsonEnv.put("TALOS_LOG_FORMAT", "json");
    try (ServerProcess second = ServerProcess.start(workDir, jsonEnv)) {
      second.awaitReady(LATER_START);

      // THEN every line of output is a JSON object
      List<String> lines = second.output().lines().filter(line -> !line.isBlank()).toList();
      assertThat(lines).isNotEmpty()
          .allSatisfy(line -> assertThat(new JsonObject(line).getString("level")).isNotNull());
      String messages = lines.stream()
          .map(line -> new JsonObject(line).getString("formattedMessage"))
          .collect(Collectors.joining("\n"));

      // AND the schema history and the rows of the first run are there
      assertThat(messages).contains("database schema up to date [version: 6]");
      try (Connection db = DriverManager.getConnection(jdbcUrl(messages), "postgres", "")) {
        assertThat(strings(db, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
            .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(strings(db, "SELECT action FROM audit_log ORDER BY id"))
            .containsExactly("node.started", "node.stopped", "node.started");
      }
      assertThat(second.output()).doesNotContain(SECRET);
      assertThat(second.get("/health/ready").body()).doesNotContain(SECRET);

      second.terminate(Duration.ofSeconds(10));
    }
    assertThat(ServerProcess.processesMentioning(dataDir.toString())).isEmpty();
  }

  @Test
  void testSignInAndRefusedRequestsOnThePackagedServer() throws Exception {
    Path dataDir = workDir.resolve("data");
    try (ServerProcess server = ServerProcess.start(workDir, Map.of("TALOS_DATA_DIR", dataDir.toString()))) {
      server.awaitReady(FIRST_START);

      // bad requests get the right status and a problem document naming what was wrong
      assertProblem(server.send("POST", "/auth/login", "application/json", "{\"email\": "), 400,
          "request body is not valid JSON");
      assertProblem(server.send("POST", "/auth/login", "text/plain", "someone@example.org"), 415,
          "content type 'text/plain' is not accepted here; allowed: application/json");
      assertProblem(server.send("POST", "/auth/login", "application/json", "{\"email\": \"" + "x".repeat(2_000_000)
          + "\"}"), 413, "larger than the limit of 1048576 bytes");
      assertProblem(server.send("POST", "/auth/login", "application/json", "{\"mail\": \"a@b.c\"}"), 400, "email");
      assertProblem(server.get("/no/such/thing"), 404, "no resource at /no/such/thing");

      // WHEN someone signs in with the link from the dev outbox
      assertThat(server.send("POST", "/auth/login", "application/json", "{\"email\": \"ops@example.org\"}")
          .statusCode()).isEqualTo(202);
      Path outbox = dataDir.resolve("outbox");
      String[] link = new String[1];
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
        if (!java.nio.file.Files.isDirectory(outbox)) {
          return false;
        }
        try (var mails = java.nio.file.Files.list(outbox)) {
          link[0] = mails.map(ServerProcessIT::read)
              .map(mail -> mail.replaceAll("(?s).*(/auth/verify\\?token=tml_[A-Za-z0-9_-]+).*", "$1"))
              .filter(found -> found.startsWith("/auth/verify")).findFirst().orElse(null);
        }
        return link[0] != null;
      });
      IssuedSecrets.record(link[0].substring(link[0].indexOf("tml_")));
      var verified = server.get(link[0]);
      String cookie = verified.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      IssuedSecrets.record(cookie.substring(cookie.indexOf('=') + 1));

      // THEN the session works, and the link does not work twice
      assertThat(verified.statusCode()).isEqualTo(303);
      var me = server.send("GET", "/api/me", null, null, "Cookie", cookie);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(me.body()).getString("email")).isEqualTo("ops@example.org");
      assertThat(server.get(link[0]).statusCode()).isEqualTo(400);
      server.terminate(Duration.ofSeconds(10));
    }
  }

  @Test
  void testAServerKilledWithSigkillIsRecoveredOnTheNextStart() throws Exception {
    Path dataDir = workDir.resolve("data");
    Map<String, String> env = Map.of("TALOS_DATA_DIR", dataDir.toString());

    // GIVEN a server killed without a chance to stop its database
    try (ServerProcess killed = ServerProcess.start(workDir, env)) {
      killed.awaitReady(FIRST_START);
      killed.kill();
    }
    assertThat(ServerProcess.processesMentioning(dataDir.toString())).isNotEmpty();

    // WHEN it starts again THEN it stops the orphan, starts its own database and stops it on SIGTERM
    try (ServerProcess next = ServerProcess.start(workDir, env)) {
      next.awaitReady(LATER_START);
      assertThat(next.output()).contains("stopping a database server left running by an earlier run");
      next.terminate(Duration.ofSeconds(10));
    }
    assertThat(ServerProcess.processesMentioning(dataDir.toString())).isEmpty();
  }

  @Test
  void testProductionWithoutASecretKeyRefusesToStartNamingTheVariable() throws Exception {
    Map<String, String> env = Map.of("TALOS_DATA_DIR", workDir.resolve("data").toString(), "TALOS_MODE", "production");

    try (ServerProcess server = ServerProcess.start(workDir, env)) {
      // the defaults file still holds the development key, which production must refuse
      assertThat(server.process().waitFor()).isEqualTo(2);
      assertThat(server.output())
          .contains("TALOS_SECRET_KEY (secretKey): is still the development default")
          .doesNotContain("dev-only-secret-key");
    }
  }

  @Test
  void testBadSettingsAndOptionsAreRefusedWithExitCode2() throws Exception {
    try (ServerProcess badPort = ServerProcess.start(workDir, Map.of("TALOS_DATABASE_POOL_SIZE", "many"));
         ServerProcess badOption = ServerProcess.start(workDir, Map.of(), "--frobnicate")) {
      assertThat(badPort.process().waitFor()).isEqualTo(2);
      assertThat(badPort.output()).contains("TALOS_DATABASE_POOL_SIZE (database.poolSize): 'many' is not an integer");
      assertThat(badOption.process().waitFor()).isEqualTo(2);
      assertThat(badOption.output()).contains("unknown option '--frobnicate'; run with --help");
    }
  }

  @Test
  void testHelpListsOptionsAndEveryVariable() throws Exception {
    try (ServerProcess help = ServerProcess.start(workDir, Map.of(), "--help")) {
      assertThat(help.process().waitFor()).isZero();
      assertThat(help.output()).contains("--cluster", "--config FILE");
      assertThat(Arrays.stream(talos.core.config.Setting.values()))
          .allSatisfy(setting -> assertThat(help.output()).contains(setting.env()));
    }
  }

  private static void assertProblem(java.net.http.HttpResponse<String> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).contains(detail);
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String jdbcUrl(String output) {
    Matcher matcher = DATABASE_PORT.matcher(output);
    assertThat(matcher.find()).as("database endpoint in the log").isTrue();
    return "jdbc:postgresql://127.0.0.1:" + matcher.group(1) + "/talos";
  }

  private static List<String> strings(Connection db, String query) throws Exception {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = db.createStatement().executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
