package talos.core.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A blocking HTTP client for API tests. Requests are made as a {@link Caller}: anonymous, a browser
 * session (cookie plus the allowed Origin) or an API token. Each request comes from a client address
 * of its own (through {@code X-Forwarded-For}, which the test server trusts from loopback) unless the
 * caller names one, so per-address rate limits only bite where a test wants them to.
 */
public final class ApiClient {

  private static final Pattern LINK = Pattern.compile("/auth/verify\\?token=(tml_[A-Za-z0-9_-]+)");
  private static final Pattern COOKIE = Pattern.compile("talos_session=(tss_[A-Za-z0-9_-]+)");
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private final String baseUrl;
  private final String origin;
  private final List<Path> outboxes;
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final Set<Path> readMail = new HashSet<>();

  /**
   * @param baseUrl where the node answers, such as {@code http://127.0.0.1:8080}
   * @param origin the browser origin the node allows
   * @param outboxes the folders the dev mailers write sign-in mail to: the node's, and in a
   *     cluster those of the other nodes, since any node's auth feature may send the mail
   */
  public ApiClient(String baseUrl, String origin, Path... outboxes) {
    this.baseUrl = baseUrl;
    this.origin = origin;
    this.outboxes = List.of(outboxes);
  }

  /** Who makes a request, and the headers that say so. */
  public record Caller(String email, String userId, Map<String, String> headers) {

    public static final Caller ANONYMOUS = new Caller(null, null, Map.of());

    public Caller with(String header, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      if (value == null) {
        copy.remove(header);
      } else {
        copy.put(header, value);
      }
      return new Caller(email, userId, copy);
    }

    public Caller without(String header) {
      return with(header, null);
    }
  }

  /** An answer: status, headers and body. */
  public record Response(int status, HttpResponse<String> raw) {

    public JsonObject json() {
      return new JsonObject(raw.body());
    }

    public String body() {
      return raw.body();
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    /** Asserts the status, showing the body when it differs. */
    public Response expect(int expected) {
      assertThat(status).as("%s %s -> %s", raw.request().method(), raw.request().uri().getPath(), raw.body())
          .isEqualTo(expected);
      return this;
    }
  }

  public Response get(Caller caller, String path) {
    return send(caller, "GET", path, null);
  }

  public Response delete(Caller caller, String path) {
    return send(caller, "DELETE", path, null);
  }

  public Response post(Caller caller, String path, JsonObject body) {
    return send(caller, "POST", path, body);
  }

  public Response patch(Caller caller, String path, JsonObject body) {
    return send(caller, "PATCH", path, body);
  }

  public Response send(Caller caller, String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(15))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (!caller.headers().containsKey("X-Forwarded-For")) {
      request.header("X-Forwarded-For", nextAddress());
    }
    caller.headers().forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Signs in through the whole magic-link flow and returns the browser session. */
  public Caller signIn(String email) {
    post(Caller.ANONYMOUS, "/auth/login", new JsonObject().put("email", email)).expect(202);
    String token = awaitLink(email);
    Response verified = get(Caller.ANONYMOUS, "/auth/verify?token=" + token).expect(303);
    String cookie = verified.header("Set-Cookie").orElseThrow();
    Matcher matcher = COOKIE.matcher(cookie);
    assertThat(matcher.find()).as(cookie).isTrue();
    String session = matcher.group(1);
    IssuedSecrets.record(session);
    Caller caller = new Caller(email, null, Map.of(
        "Cookie", "talos_session=" + session,
        "Origin", origin));
    String userId = get(caller, "/api/me").expect(200).json().getString("id");
    return new Caller(email, userId, caller.headers());
  }

  /** An API token of {@code user}, as a caller that sends it as a bearer token. */
  public Caller withToken(Caller user) {
    String token = post(user, "/api/me/tokens", new JsonObject().put("name", "test")).expect(201)
        .json().getString("token");
    IssuedSecrets.record(token);
    return new Caller(user.email(), user.userId(), Map.of("Authorization", "Bearer " + token));
  }

  /** Waits for the next unread sign-in mail to {@code email} and returns its token. */
  public String awaitLink(String email) {
    String[] token = new String[1];
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      token[0] = unreadLink(email);
      return token[0] != null;
    });
    IssuedSecrets.record(token[0]);
    return token[0];
  }

  /** Sign-in mails sent to {@code email} so far, read or not. */
  public List<Path> mailTo(String email) throws IOException {
    List<Path> mail = new ArrayList<>();
    for (Path outbox : outboxes) {
      if (Files.isDirectory(outbox)) {
        try (Stream<Path> files = Files.list(outbox)) {
          files.filter(file -> read(file).contains("\r\nTo: " + email + "\r\n")).forEach(mail::add);
        }
      }
    }
    mail.sort(Comparator.comparing(Path::getFileName));
    return mail;
  }

  private synchronized String unreadLink(String email) throws IOException {
    for (Path file : mailTo(email)) {
      if (readMail.add(file)) {
        Matcher matcher = LINK.matcher(read(file));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    }
    return null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client address of its own, from the 10.0.0.0/8 range. */
  public static String nextAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }
}
