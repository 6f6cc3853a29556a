package talos.core.gateway;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import talos.core.security.RateLimit;
import talos.core.security.RateLimiter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies that an address with too many failed sign-ins is turned away until its block ends. */
@Timeout(30)
class AuthThrottleTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void testAnAddressIsBlockedAfterTheLimitAndOthersAreNot() throws Exception {
    AtomicLong clock = new AtomicLong();
    AuthThrottle throttle = new AuthThrottle(RateLimiter.local(vertx), clock::get);

    boolean blocked = false;
    for (int i = 0; i <= RateLimit.MQTT_AUTH_FAILURES.requests(); i++) {
      blocked = throttle.failed("192.0.2.7").toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }

    assertThat(blocked).isTrue();
    assertThat(throttle.blocked("192.0.2.7")).isTrue();
    assertThat(throttle.blocked("192.0.2.8")).isFalse();
    clock.addAndGet(RateLimit.MQTT_AUTH_FAILURES.window().toNanos());
    assertThat(throttle.blocked("192.0.2.7")).isFalse();
  }
}
