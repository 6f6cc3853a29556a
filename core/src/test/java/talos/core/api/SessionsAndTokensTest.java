package talos.core.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.ServerTest;
import talos.core.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies sessions and API tokens from the attacker's side: revocation takes effect at once,
 * nobody touches another user's credentials, cookie changes need an allowed origin, and the
 * administrator sees every organisation.
 */
@Timeout(120)
class SessionsAndTokensTest extends ServerTest {

  @Test
  void testWithoutCredentialsEveryPrivateOperationIs401() {
    for (String path : new String[] {"/api/me", "/api/orgs", "/api/me/sessions", "/api/me/tokens"}) {
      Response refused = api.get(Caller.ANONYMOUS, path).expect(401);
      assertThat(refused.header("WWW-Authenticate")).contains("Bearer realm=\"talos\"");
    }
    api.get(Caller.ANONYMOUS.with("Cookie", "talos_session=tss_" + "A".repeat(43)), "/api/me").expect(401);
    api.get(Caller.ANONYMOUS.with("Authorization", "Bearer tat_" + "A".repeat(43)), "/api/me").expect(401);
    api.get(Caller.ANONYMOUS.with("Authorization", "Bearer ' OR 1=1 --"), "/api/me").expect(401);
  }

  @Test
  void testSignOutRevokesTheSessionOnTheServer() {
    Caller user = api.signIn(unique("leaver"));

    Response signedOut = api.post(user, "/auth/logout", null).expect(204);

    assertThat(signedOut.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=0"));
    // the old cookie, replayed, no longer works
    api.get(user, "/api/me").expect(401);
    api.post(user, "/auth/logout", null).expect(401);
  }

  @Test
  void testSessionsAreListedAndOneCanBeRevokedFromAnother() {
    String email = unique("two-devices");
    Caller laptop = api.signIn(email);
    Caller tablet = api.signIn(email);

    JsonArray sessions = api.get(laptop, "/api/me/sessions").expect(200).json().getJsonArray("sessions");
    assertThat(sessions).hasSize(2);
    String tabletSession = sessions.stream().map(JsonObject.class::cast)
        .filter(session -> !session.getBoolean("current")).findFirst().orElseThrow().getString("id");
    assertThat(sessions.encode()).doesNotContain("tss_");

    api.delete(laptop, "/api/me/sessions/" + tabletSession).expect(204);

    api.get(tablet, "/api/me").expect(401);
    api.get(laptop, "/api/me").expect(200);
  }

  @Test
  void testNobodyRevokesSomeoneElsesSession() {
    Caller victim = api.signIn(unique("victim"));
    Caller attacker = api.signIn(unique("attacker"));
    String victimSession = api.get(victim, "/api/me/sessions").expect(200).json().getJsonArray("sessions")
        .getJsonObject(0).getString("id");

    api.delete(attacker, "/api/me/sessions/" + victimSession).expect(404);

    api.get(victim, "/api/me").expect(200);
  }

  @Test
  void testApiTokensActAsTheirOwnerUntilRevoked() {
    Caller user = api.signIn(unique("scripter"));
    Response created = api.post(user, "/api/me/tokens", new JsonObject().put("name", "<i>backup</i> job")
        .put("expiresInDays", 30)).expect(201);
    String token = created.json().getString("token");
    String tokenId = created.json().getString("id");
    talos.core.support.IssuedSecrets.record(token);
    Caller script = new Caller(user.email(), user.userId(), java.util.Map.of("Authorization", "Bearer " + token));

    assertThat(created.json().getString("name")).isEqualTo("backup job");
    assertThat(api.get(script, "/api/me").expect(200).json().getString("email")).isEqualTo(user.email());
    JsonArray listed = api.get(user, "/api/me/tokens").expect(200).json().getJsonArray("tokens");
    assertThat(listed.encode()).contains(tokenId).doesNotContain(token);

    api.delete(user, "/api/me/tokens/" + tokenId).expect(204);

    api.get(script, "/api/me").expect(401);
  }

  @Test
  void testNobodyRevokesSomeoneElsesToken() {
    Caller owner = api.signIn(unique("token-owner"));
    Caller other = api.signIn(unique("token-thief"));
    Caller script = api.withToken(owner);
    String tokenId = api.get(owner, "/api/me/tokens").expect(200).json().getJsonArray("tokens")
        .getJsonObject(0).getString("id");

    api.delete(other, "/api/me/tokens/" + tokenId).expect(404);

    api.get(script, "/api/me").expect(200);
  }

  @Test
  void testSigningOutWithATokenIsRefusedAndExplained() {
    Caller script = api.withToken(api.signIn(unique("bearer")));

    Response refused = api.post(script, "/auth/logout", null).expect(400);

    assertThat(refused.json().getString("detail")).contains("DELETE /api/me/tokens/{id}");
  }

  @Test
  void testCookieChangesNeedAnAllowedOrigin() {
    Caller user = api.signIn(unique("csrf"));
    JsonObject org = new JsonObject().put("name", "Forged Org");

    Response noOrigin = api.post(user.without("Origin"), "/api/orgs", org).expect(403);
    Response evil = api.post(user.with("Origin", "https://evil.example"), "/api/orgs", org).expect(403);
    api.post(user.without("Origin").with("Referer", "https://evil.example/page"), "/api/orgs", org).expect(403);
    api.delete(user.with("Origin", "null"), "/api/me/sessions/" + java.util.UUID.randomUUID()).expect(403);

    assertThat(noOrigin.json().getString("detail")).contains("needs an Origin or Referer header");
    assertThat(evil.json().getString("detail")).contains("origin 'https://evil.example' is not allowed");
    assertThat(api.get(user, "/api/orgs").expect(200).json().getJsonArray("organisations")).isEmpty();

    // reads need no origin, an allowed Referer is enough, and bearer tokens are not cookies
    api.get(user.without("Origin"), "/api/me").expect(200);
    api.post(user.without("Origin").with("Referer", server.origin() + "/orgs"), "/api/orgs",
        new JsonObject().put("name", "Referred Org")).expect(201);
    api.post(api.withToken(user), "/api/orgs", new JsonObject().put("name", "Scripted Org")).expect(201);
  }

  @Test
  void testCorsAllowsOnlyTheConfiguredOrigins() {
    Response allowed = api.send(Caller.ANONYMOUS.with("Origin", server.origin())
        .with("Access-Control-Request-Method", "POST"), "OPTIONS", "/api/orgs", null);
    Response refused = api.send(Caller.ANONYMOUS.with("Origin", "https://evil.example")
        .with("Access-Control-Request-Method", "POST"), "OPTIONS", "/api/orgs", null);

    assertThat(allowed.header("Access-Control-Allow-Origin")).contains(server.origin());
    assertThat(allowed.header("Access-Control-Allow-Credentials")).contains("true");
    assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void testTheAdministratorSeesEveryOrganisationButChangesNone() {
    Caller owner = api.signIn(unique("org-owner"));
    String slug = api.post(owner, "/api/orgs", new JsonObject().put("name", "Admin Visible " + System.nanoTime()))
        .expect(201).json().getString("slug");
    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);

    assertThat(api.get(admin, "/api/me").expect(200).json().getBoolean("admin")).isTrue();
    assertThat(api.get(admin, "/api/orgs").expect(200).body()).contains(slug);
    assertThat(api.get(admin, "/api/orgs/" + slug).expect(200).json().getString("role")).isEqualTo("viewer");
    api.patch(admin, "/api/orgs/" + slug, new JsonObject().put("name", "Taken Over")).expect(403);
  }
}
