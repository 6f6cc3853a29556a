package talos.core.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.ServerTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies magic-link sign-in from the attacker's side: no account enumeration, single-use and
 * expiring links, forged links, and an account created only when a link is used.
 */
@Timeout(120)
class SignInTest extends ServerTest {

  @Test
  void testLoginAnswersKnownNewAndImplausibleAddressesIdentically() {
    String known = unique("known");
    api.signIn(known);

    List<Response> answers = new ArrayList<>();
    for (String email : List.of(known, unique("new"), "someone@localhost", "x@y", "not an address at all")) {
      answers.add(api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)));
    }

    Response first = answers.get(0);
    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.status()).isEqualTo(202);
      assertThat(answer.body()).isEqualTo(first.body());
      assertThat(answer.header("content-type")).isEqualTo(first.header("content-type"));
      assertThat(answer.header("set-cookie")).isEmpty();
    });
  }

  /** In dev mode without SMTP the answer says where the sign-in mail is written, for every address. */
  @Test
  void testLoginAnswerNamesTheDevOutbox() {
    JsonObject answer = api.post(Caller.ANONYMOUS, "/auth/login",
        new JsonObject().put("email", unique("outbox"))).expect(202).json();

    assertThat(answer.getString("outbox")).isEqualTo(server.outbox().toAbsolutePath().toString());
  }

  @Test
  void testLoginAnswersBeforeTheDatabaseIsTouched() throws Exception {
    String known = unique("locked");
    api.signIn(known);

    // GIVEN the table of sign-in links locked by another transaction
    try (Connection lock = server.database()) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE magic_link IN ACCESS EXCLUSIVE MODE");

      // WHEN a known address asks for a link THEN the answer comes at once: nothing waits for the lookup
      api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", known)).expect(202);
      lock.commit();
    }
    // AND the link is sent once the lock is gone
    assertThat(api.awaitLink(known)).startsWith("tml_");
  }

  @Test
  void testLoginTimeDoesNotDependOnWhetherTheAccountExists() {
    List<String> known = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      known.add(unique("timed"));
      api.signIn(known.get(i));
    }
    List<Long> knownTimes = new ArrayList<>();
    List<Long> unknownTimes = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      knownTimes.add(timeLogin(known.get(i)));
      unknownTimes.add(timeLogin(unique("nobody")));
    }

    // both paths answer before any lookup, so their medians differ by scheduling noise only
    long gapMicros = Math.abs(median(knownTimes) - median(unknownTimes));
    assertThat(gapMicros).as("median gap in microseconds").isLessThan(20_000);
  }

  @Test
  void testOnlyPlausibleAddressesGetMail() throws Exception {
    String implausible = "nobody@localhost";
    String plausible = unique("plausible");
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", implausible)).expect(202);
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", plausible)).expect(202);

    api.awaitLink(plausible);
    assertThat(api.mailTo(implausible)).isEmpty();
  }

  @Test
  void testTheAccountIsCreatedWhenTheLinkIsUsedNotWhenItIsAsked() throws Exception {
    String email = unique("fresh");
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    String token = api.awaitLink(email);
    assertThat(count("SELECT count(*) FROM app_user WHERE email = '" + email + "'")).isZero();

    api.get(Caller.ANONYMOUS, "/auth/verify?token=" + token).expect(303);

    assertThat(count("SELECT count(*) FROM app_user WHERE email = '" + email + "'")).isOne();
  }

  @Test
  void testALinkWorksOnce() throws Exception {
    String email = unique("once");
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    String token = api.awaitLink(email);
    api.get(Caller.ANONYMOUS, "/auth/verify?token=" + token).expect(303);
    long sessions = count("SELECT count(*) FROM user_session");

    Response again = api.get(Caller.ANONYMOUS, "/auth/verify?token=" + token).expect(400);

    assertThat(again.json().getString("detail")).contains("already been used");
    assertThat(again.header("set-cookie")).isEmpty();
    assertThat(count("SELECT count(*) FROM user_session")).isEqualTo(sessions);
  }

  @Test
  void testAnExpiredLinkIsRefusedAndCreatesNothing() throws Exception {
    String email = unique("late");
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    String token = api.awaitLink(email);
    execute("UPDATE magic_link SET expires_at = now() - interval '1 minute' WHERE email = '" + email + "'");

    Response refused = api.get(Caller.ANONYMOUS, "/auth/verify?token=" + token).expect(400);

    assertThat(refused.json().getString("detail")).contains("expired");
    assertThat(count("SELECT count(*) FROM app_user WHERE email = '" + email + "'")).isZero();
  }

  @Test
  void testForgedAndMalformedLinksAreRefused() {
    String forged = "tml_" + "A".repeat(43);
    for (String token : List.of(forged, "tml_short", "tss_" + "A".repeat(43), "%27%20OR%201%3D1--")) {
      Response refused = api.get(Caller.ANONYMOUS, "/auth/verify?token=" + token).expect(400);
      assertThat(refused.json().getString("detail")).contains("not valid");
      assertThat(refused.header("set-cookie")).isEmpty();
    }
    api.get(Caller.ANONYMOUS, "/auth/verify").expect(400);
  }

  @Test
  void testABrowserGetsAPageForABadLink() {
    Response page = api.get(Caller.ANONYMOUS.with("Accept", "text/html,application/xhtml+xml"),
        "/auth/verify?token=tml_" + "B".repeat(43)).expect(400);

    assertThat(page.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("this sign-in link is not valid");
  }

  @Test
  void testTheSessionCookieIsHttpOnlyLaxAndSecureBehindHttps() {
    String email = unique("cookie");
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    String plain = api.get(Caller.ANONYMOUS, "/auth/verify?token=" + api.awaitLink(email)).expect(303)
        .header("Set-Cookie").orElseThrow();
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    String proxied = api.get(Caller.ANONYMOUS.with("X-Forwarded-Proto", "https"),
        "/auth/verify?token=" + api.awaitLink(email)).expect(303).header("Set-Cookie").orElseThrow();

    assertThat(plain).contains("HTTPOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
    assertThat(proxied).contains("HTTPOnly", "SameSite=Lax", "Path=/", "Secure");
  }

  private long timeLogin(String email) {
    long start = System.nanoTime();
    api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    return (System.nanoTime() - start) / 1000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private long count(String sql) throws Exception {
    try (Connection db = server.database(); Statement statement = db.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection db = server.database(); Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }
}
