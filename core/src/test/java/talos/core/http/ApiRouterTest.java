package talos.core.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import talos.core.bus.ServiceFailure;
import talos.core.config.CoreConfig;
import talos.core.support.TestConfigs;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the request pipeline built from a contract: every refusal is a problem document with the
 * right status, and operations bound to an address are served over the event bus.
 */
@ExtendWith(VertxExtension.class)
@Timeout(10_000)
class ApiRouterTest {

  private static final int BODY_LIMIT = 2048;

  private WebClient client;

  @BeforeEach
  void startServer(Vertx vertx, VertxTestContext test) {
    CoreConfig.Http http = TestConfigs.with(new JsonObject().put("TALOS_HTTP_BODY_LIMIT", BODY_LIMIT)).http();
    ApiRouter.create(vertx, "openapi/test-api.yaml", http,
            Map.of("getLocal", rc -> rc.response().end("local")), RequestGuard.OPEN, Map.of())
        .compose(router -> vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"))
        .onComplete(test.succeeding(server -> {
          client = WebClient.create(vertx, new WebClientOptions()
              .setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
          test.completeNow();
        }));
  }

  @Test
  void testUnknownRouteIs404Problem(VertxTestContext test) {
    expectProblem(client.get("/nowhere").send(), 404, "no resource at /nowhere", test);
  }

  @Test
  void testKnownPathWithWrongMethodIs405Problem(VertxTestContext test) {
    expectProblem(client.delete("/local").send(), 405, "method DELETE is not allowed on /local", test);
  }

  @Test
  void testMalformedJsonIs400Problem(VertxTestContext test) {
    expectProblem(client.post("/things").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer("{\"name\": ")), 400, "request body is not valid JSON", test);
  }

  @Test
  void testBodyBreakingTheSchemaIs400NamingTheField(VertxTestContext test) {
    client.post("/things").sendJsonObject(new JsonObject().put("name", "ok").put("priority", 11))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          JsonObject problem = assertProblem(response, 400);
          assertThat(problem.getString("detail")).contains("/priority");
          assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/priority");
          test.completeNow();
        })));
  }

  @Test
  void testMissingRequiredFieldIs400(VertxTestContext test) {
    expectProblem(client.post("/things").sendJsonObject(new JsonObject().put("priority", 3)),
        400, "name", test);
  }

  @Test
  void testWrongContentTypeIs415NamingWhatIsAllowed(VertxTestContext test) {
    expectProblem(client.post("/things").putHeader("content-type", "text/plain").sendBuffer(Buffer.buffer("hi")),
        415, "content type 'text/plain' is not accepted here; allowed: application/json", test);
  }

  @Test
  void testBodyOverTheLimitIs413NamingTheLimit(VertxTestContext test) {
    String big = "{\"name\": \"" + "x".repeat(BODY_LIMIT) + "\"}";
    expectProblem(client.post("/things").putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(big)),
        413, "larger than the limit of 2048 bytes", test);
  }

  @Test
  void testInvalidPathParameterIs400(VertxTestContext test) {
    expectProblem(client.get("/things/abc").send(), 400, "id", test);
  }

  @Test
  void testBusOperationGetsTheValidatedRequestAndSetsStatusAndLocation(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer("test.things.create", message -> {
      JsonObject request = message.body();
      message.reply(new JsonObject().put("id", 7).put("name", request.getJsonObject("body").getString("name")),
          new DeliveryOptions().addHeader("status", "201").addHeader("location", "/things/7"));
    });

    client.post("/things").sendJsonObject(new JsonObject().put("name", "dish"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(201);
          assertThat(response.getHeader("Location")).isEqualTo("/things/7");
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", 7).put("name", "dish"));
          test.completeNow();
        })));
  }

  @Test
  void testPathParametersReachTheConsumerConverted(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer("test.things.get",
        message -> message.reply(message.body().getJsonObject("path")));

    client.get("/things/42").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getInteger("id")).isEqualTo(42);
      test.completeNow();
    })));
  }

  @Test
  void testServiceFailureKeepsItsStatusAndMessage(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer("test.things.get", message -> ServiceFailure.reply(message,
        ServiceFailure.invalid("id", 42, "an id of a thing you own")));

    expectProblem(client.get("/things/42").send(), 400, "id: '42' is not allowed; allowed: an id of a thing you own",
        test);
  }

  @Test
  void testConflictTravelsAs409(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer("test.things.create",
        message -> ServiceFailure.reply(message, ServiceFailure.conflict("name 'dish' is taken")));

    expectProblem(client.post("/things").sendJsonObject(new JsonObject().put("name", "dish")),
        409, "name 'dish' is taken", test);
  }

  @Test
  void testUnexpectedErrorIs500WithoutInternals(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().<JsonObject>consumer("test.things.get",
        message -> ServiceFailure.reply(message, new IllegalStateException("password=hunter2 in stack")));

    client.get("/things/1").send().onComplete(test.succeeding(response -> test.verify(() -> {
      JsonObject problem = assertProblem(response, 500);
      assertThat(problem.encode()).doesNotContain("hunter2");
      test.completeNow();
    })));
  }

  @Test
  void testOperationWithoutAnyConsumerIs503(VertxTestContext test) {
    client.get("/things/1").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertProblem(response, 503);
      test.completeNow();
    })));
  }

  @Test
  void testLocalHandlersAndTheContractAreServed(VertxTestContext test) {
    Future.all(client.get("/local").send(), client.request(HttpMethod.GET, "/openapi.yaml").send())
        .onComplete(test.succeeding(both -> test.verify(() -> {
          HttpResponse<Buffer> local = both.resultAt(0);
          HttpResponse<Buffer> contract = both.resultAt(1);
          assertThat(local.bodyAsString()).isEqualTo("local");
          assertThat(contract.getHeader("content-type")).startsWith("application/yaml");
          assertThat(contract.bodyAsString()).contains("operationId: createThing");
          assertThat(local.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
          test.completeNow();
        })));
  }

  private static void expectProblem(Future<HttpResponse<Buffer>> response, int status, String detail,
                                    VertxTestContext test) {
    response.onComplete(test.succeeding(result -> test.verify(() -> {
      assertThat(assertProblem(result, status).getString("detail")).contains(detail);
      test.completeNow();
    })));
  }

  private static JsonObject assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo(Problems.CONTENT_TYPE);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isEqualTo("about:blank");
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }
}
