package talos.core.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.TestServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies that the database never holds a secret in plain text: after a sign-in, an API token, a
 * station and a key rotation, no row of any table contains any of the secrets handed out.
 */
@Timeout(120)
class SecretsAtRestTest {

  @Test
  void testNoTableHoldsATokenOrKeyInPlainText() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiClient api = server.client();
      List<String> secrets = new ArrayList<>();

      // GIVEN every kind of secret handed out once
      String email = unique("secretive");
      api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
      String link = api.awaitLink(email);
      secrets.add(link);
      String cookie = api.get(Caller.ANONYMOUS, "/auth/verify?token=" + link).expect(303)
          .header("Set-Cookie").orElseThrow().replaceAll(".*talos_session=([^;]+).*", "$1");
      secrets.add(cookie);
      Caller user = new Caller(email, null, java.util.Map.of("Cookie", "talos_session=" + cookie,
          "Origin", server.origin()));
      secrets.add(api.post(user, "/api/me/tokens", new JsonObject().put("name", "t")).expect(201)
          .json().getString("token"));
      String slug = api.post(user, "/api/orgs", new JsonObject().put("name", "Vault")).expect(201)
          .json().getString("slug");
      JsonObject station = api.post(user, "/api/orgs/" + slug + "/stations", StationTest.roof("Safe"))
          .expect(201).json();
      secrets.add(station.getString("apiKey"));
      secrets.add(api.post(user, "/api/orgs/" + slug + "/stations/" + station.getString("id") + "/keys", null)
          .expect(200).json().getString("apiKey"));
      secrets.forEach(talos.core.support.IssuedSecrets::record);

      // WHEN every row of every table is read as text THEN no secret is in it
      try (Connection db = server.database()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = db.createStatement().executeQuery(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
        assertThat(tables).contains("magic_link", "user_session", "api_token", "station", "audit_log");
        int rowsRead = 0;
        for (String table : tables) {
          try (ResultSet rows = db.createStatement().executeQuery("SELECT t::text FROM " + table + " t")) {
            while (rows.next()) {
              String row = rows.getString(1);
              rowsRead++;
              assertThat(secrets).as("secrets in a row of " + table).noneSatisfy(secret ->
                  assertThat(row).contains(secret));
              assertThat(row).as("a secret-shaped value in " + table)
                  .doesNotContainPattern("t(ml|ss|at|sk)_[A-Za-z0-9_-]{43}");
            }
          }
        }
        assertThat(rowsRead).isGreaterThan(5);
      }
    }
  }
}
