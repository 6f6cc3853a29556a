package talos.core.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.security.RateLimit;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.ApiClient.Response;
import talos.core.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static talos.core.api.SignInTest.unique;

/**
 * Verifies the rate limits: sign-in per e-mail address and per client address, creations per user,
 * answered with 429 and Retry-After; and that a client cannot dodge them by claiming another address
 * unless it is a trusted proxy.
 */
@Timeout(120)
class RateLimitTest {

  @Test
  void testSignInIsLimitedPerEmailAddressFromAnyClient() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiClient api = server.client();
      String email = unique("hammered");
      JsonObject body = new JsonObject().put("email", email);
      for (int i = 0; i < RateLimit.LOGIN_PER_EMAIL.requests(); i++) {
        api.post(Caller.ANONYMOUS, "/auth/login", body).expect(202);
      }

      Response limited = api.post(Caller.ANONYMOUS, "/auth/login", body).expect(429);

      assertThat(limited.header("Retry-After")).hasValueSatisfying(
          seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 15L * 60));
      assertThat(limited.json().getString("detail")).contains("at most 5 per 15 minutes");
      // a different address is not affected
      api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", unique("other"))).expect(202);
    }
  }

  @Test
  void testSignInIsLimitedPerClientAddress() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiClient api = server.client();
      Caller oneAddress = Caller.ANONYMOUS.with("X-Forwarded-For", "192.0.2.7");
      for (int i = 0; i < RateLimit.LOGIN_PER_ADDRESS.requests(); i++) {
        api.post(oneAddress, "/auth/login", new JsonObject().put("email", unique("spray"))).expect(202);
      }

      api.post(oneAddress, "/auth/login", new JsonObject().put("email", unique("spray"))).expect(429);
      api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", unique("spray"))).expect(202);
    }
  }

  @Test
  void testForwardedForIsIgnoredFromAnUntrustedPeer() throws Exception {
    try (TestServer server = TestServer.start(new JsonObject().put("TALOS_TRUSTED_PROXIES", ""))) {
      ApiClient api = server.client();
      for (int i = 0; i < RateLimit.LOGIN_PER_ADDRESS.requests(); i++) {
        api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", unique("spoof"))).expect(202);
      }

      // each request claimed another X-Forwarded-For, but they all came from loopback
      api.post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", unique("spoof"))).expect(429);
    }
  }

  @Test
  void testCreationsAreLimitedPerUser() throws Exception {
    try (TestServer server = TestServer.start()) {
      ApiClient api = server.client();
      Caller user = api.signIn(unique("creator"));
      for (int i = 0; i < RateLimit.CREATE.requests(); i++) {
        api.post(user, "/api/me/tokens", new JsonObject().put("name", "t" + i)).expect(201);
      }

      Response limited = api.post(user, "/api/me/tokens", new JsonObject().put("name", "one too many")).expect(429);

      assertThat(limited.header("Retry-After")).isPresent();
      api.post(api.signIn(unique("someone-else")), "/api/me/tokens", new JsonObject().put("name", "x")).expect(201);
    }
  }
}
