package talos.core.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of API test classes that share one server: it starts before the first test of the class and
 * stops after the last. Tests keep apart by signing in with addresses of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTest {

  protected TestServer server;
  protected ApiClient api;

  @BeforeAll
  void startServer() {
    server = TestServer.start();
    api = server.client();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }
}
