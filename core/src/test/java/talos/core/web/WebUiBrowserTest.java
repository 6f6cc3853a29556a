package talos.core.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import talos.core.demo.DemoPassNow;
import talos.core.support.ApiClient;
import talos.core.support.ApiClient.Caller;
import talos.core.support.FreshElements;
import talos.core.support.IssuedSecrets;
import talos.core.support.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verifies the operators' web UI in headless Chromium against a whole demo node: signing in through
 * the dev outbox link, an organisation and a station whose key is shown once, a campaign, the demo
 * station's measured pointing moving on the sky plot and its frames arriving live, destinations of
 * frames, what a viewer and a stranger see, and screenshots of the main pages under
 * {@code target/screenshots/}. The demo's catalogue holds a satellite with a downlink passing over
 * the demo station from the start ({@link DemoPassNow}), so frames flow at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

  private static final String DEMO_OWNER = "demo@talos.test";
  private static final AtomicInteger USERS = new AtomicInteger();

  private TestServer server;
  private ApiClient api;
  private Browser browser;
  private String demoStationId;

  @BeforeAll
  void startServerAndBrowser() {
    Browser.require();
    int port = freePort();
    String url = "http://127.0.0.1:" + port;
    server = DemoPassNow.start(new JsonObject()
        .put("TALOS_HTTP_PORT", String.valueOf(port))
        .put("TALOS_PUBLIC_URL", url));
    api = server.client();
    Caller admin = api.signIn(TestServer.ADMIN_EMAIL);
    api.post(admin, "/api/catalogue/import", new JsonObject().put("name", "iss-now.tle")
        .put("content", FreshElements.issText(Instant.now()))).expect(200);
    browser = Browser.start(url);
  }

  @AfterAll
  void stopBrowserAndServer() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void forgetTheLastUser() {
    browser.forgetUser();
  }

  /**
   * A new user signs in through the link the dev outbox holds, creates an organisation and a
   * station, sees a field error next to the field it concerns, and sees the station's key once:
   * not on the station's page, not after a reload.
   */
  @Test
  @Order(1)
  @Timeout(90)
  void signInCreateAnOrganisationAndAStationWhoseKeyIsShownOnce() {
    String email = newEmail("owner");

    signIn(email);
    browser.visible(By.xpath("//h1[text()='Welcome to Talos']"));
    browser.type(By.cssSelector("[aria-labelledby=create-org-title] [data-field=name] input"), "Ground Net");
    browser.type(By.cssSelector("[aria-labelledby=create-org-title] [data-field=slug] input"), slug("ground"));
    browser.click(By.xpath("//button[text()='Create organisation']"));
    browser.click(By.id("new-station"));
    browser.type(By.cssSelector("[data-field=name] input"), "Roof dish");
    browser.type(By.cssSelector("[data-field=latitude] input"), "123");
    browser.type(By.cssSelector("[data-field=longitude] input"), "11.58");
    browser.type(By.cssSelector("[data-field=altitude] input"), "520");
    browser.click(By.xpath("//button[text()='Add point']"));
    browser.click(By.xpath("//button[text()='Register station']"));
    WebElement latitudeError = browser.visible(By.cssSelector("[data-field=latitude] .field-error"));
    assertThat(latitudeError.getText()).contains("latitude");
    browser.type(By.cssSelector("[data-field=latitude] input"), "48.15");
    browser.click(By.xpath("//button[text()='Register station']"));

    String key = browser.visible(By.id("station-key")).getDomProperty("value");
    IssuedSecrets.record(key);
    assertThat(key).startsWith("tsk_");
    assertThat(browser.driver().findElement(By.cssSelector(".key-panel")).getText())
        .contains("shown this one time");
    browser.screenshot("station-key-shown-once");
    browser.click(By.id("go-to-station"));
    browser.visible(By.xpath("//h1[text()='Roof dish']"));
    assertThat(browser.present(By.id("station-key"))).isFalse();
    browser.driver().navigate().refresh();
    browser.visible(By.xpath("//h1[text()='Roof dish']"));
    assertThat(browser.driver().getPageSource()).doesNotContain(key);

    browser.click(By.id("sign-out"));
    browser.visible(By.xpath("//h1[text()='Sign in to Talos']"));
  }

  /** An operator creates a campaign, gives it a target and a station, and schedules it. */
  @Test
  @Order(2)
  @Timeout(90)
  void createACampaignWithATargetAndAStation() {
    String email = newEmail("planner");
    Caller owner = api.signIn(email);
    String slug = slug("planners");
    api.post(owner, "/api/orgs", new JsonObject().put("name", "Planners").put("slug", slug)).expect(201);
    JsonObject station = createStation(owner, slug, "Hilltop");

    signIn(email);
    browser.click(By.cssSelector("#app-nav a[data-section=campaigns]"));
    browser.click(By.id("new-campaign"));
    browser.type(By.cssSelector("[data-field=name] input"), "ISS voice");
    browser.type(By.cssSelector("[data-field=priority] input"), "2");
    browser.click(By.xpath("//button[text()='Create draft']"));
    browser.visible(By.xpath("//h1[text()='ISS voice']"));
    browser.type(By.id("target-norad"), String.valueOf(FreshElements.NORAD));
    browser.type(By.id("target-weight"), "3");
    browser.click(By.xpath("//button[text()='Add target']"));
    browser.visible(By.xpath("//a[contains(text(), '(" + FreshElements.NORAD + ")')]"));
    new Select(browser.visible(By.id("assign-station"))).selectByVisibleText("Hilltop");
    browser.click(By.xpath("//button[text()='Assign station']"));
    browser.visible(By.xpath("//section[@aria-labelledby='assignments-title']//a[text()='Hilltop']"));
    browser.click(By.cssSelector("button[data-step=schedule]"));
    browser.waiting(10).until(ExpectedConditions.textToBe(By.cssSelector(".campaign-status"), "scheduled"));

    JsonArray campaigns = api.get(owner, "/api/orgs/" + slug + "/campaigns").expect(200).json()
        .getJsonArray("campaigns");
    assertThat(campaigns).hasSize(1);
    JsonObject campaign = api.get(owner, "/api/orgs/" + slug + "/campaigns/"
        + campaigns.getJsonObject(0).getString("id")).expect(200).json();
    assertThat(campaign.getString("status")).isEqualTo("scheduled");
    assertThat(campaign.getInteger("priority")).isEqualTo(2);
    assertThat(campaign.getJsonArray("targets").getJsonObject(0).getInteger("noradId"))
        .isEqualTo(FreshElements.NORAD);
    assertThat(campaign.getJsonArray("targets").getJsonObject(0).getDouble("weight")).isEqualTo(3.0);
    assertThat(campaign.getJsonArray("assignments").getJsonObject(0).getString("stationId"))
        .isEqualTo(station.getString("id"));
  }

  /** The demo station's measured pointing moves on its sky plot as the simulated agent tracks. */
  @Test
  @Order(3)
  @Timeout(150)
  void theDemoStationsMeasuredPointingMovesOnTheSkyPlot() {
    signIn(DEMO_OWNER);
    browser.click(By.linkText("Demo station"));
    By measured = By.cssSelector(".skyplot [data-role=measured]");
    WebElement marker = browser.waiting(30).until(driver -> {
      WebElement found = driver.findElement(measured);
      return found.getDomAttribute("data-azimuth") != null ? found : null;
    });
    demoStationId = browser.driver().getCurrentUrl().replaceAll(".*#/stations/", "");
    double azimuth = Double.parseDouble(marker.getDomAttribute("data-azimuth"));
    double elevation = Double.parseDouble(marker.getDomAttribute("data-elevation"));

    browser.waiting(120).until(driver -> {
      WebElement now = driver.findElement(measured);
      return Math.abs(Double.parseDouble(now.getDomAttribute("data-azimuth")) - azimuth) > 0.5
          || Math.abs(Double.parseDouble(now.getDomAttribute("data-elevation")) - elevation) > 0.5;
    });
    assertThat(browser.driver().findElement(By.cssSelector(".skyplot desc")).getDomProperty("textContent"))
        .startsWith("measured az");
  }

  /**
   * The demo station's page shows the frames its simulated radio receives arriving live, with their
   * first bytes, and the stored ones; the demo's live destination counts what it sent.
   */
  @Test
  @Order(4)
  @Timeout(150)
  void theDemoStationsPageShowsFramesArrivingLive() {
    signIn(DEMO_OWNER);
    browser.click(By.linkText("Demo station"));
    browser.visible(By.id("frames-title"));
    By count = By.id("live-frame-count");

    int first = browser.waiting(120).until(driver -> {
      int n = Integer.parseInt(driver.findElement(count).getDomAttribute("data-count"));
      return n > 0 ? n : null;
    });
    browser.waiting(30).until(driver ->
        Integer.parseInt(driver.findElement(count).getDomAttribute("data-count")) > first);

    WebElement row = browser.visible(By.cssSelector("#live-frames tbody tr"));
    assertThat(row.getText()).contains(String.valueOf(DemoPassNow.NORAD));
    assertThat(row.findElement(By.cssSelector(".frame-hex")).getText()).matches("([0-9a-f]{2} )+.*");
    browser.click(By.xpath("//section[@aria-labelledby='frames-title']//button[text()='Refresh']"));
    browser.waiting(20).until(driver -> !driver.findElements(
        By.xpath("//section[@aria-labelledby='frames-title']//table[not(@id)]//tbody/tr")).isEmpty());
    scrollTo(By.cssSelector(".frames-card"));
    assertThat(Files.exists(browser.screenshot("station-frames"))).isTrue();
    browser.click(By.cssSelector("button.download-frames"));
    browser.waiting(20).until(ExpectedConditions.textMatches(By.cssSelector(".download-progress"),
        java.util.regex.Pattern.compile("[1-9][0-9,]* frames saved")));

    browser.click(By.cssSelector("#app-nav a[data-section=destinations]"));
    WebElement live = browser.visible(By.xpath("//tr[.//strong[text()='Live view']]"));
    assertThat(live.getText()).contains("all frames");
    assertThat(live.findElement(By.cssSelector(".stat-sent")).getText()).isNotEqualTo("0");
    assertThat(Files.exists(browser.screenshot("destinations"))).isTrue();
  }

  /**
   * An owner adds a UDP destination in the UI, sees the port's error next to the port, then the
   * destination listed with its figures, and sends a campaign's frames there from the campaign's
   * page; a viewer of the organisation sees the destination but no control that changes it.
   */
  @Test
  @Order(8)
  @Timeout(120)
  void anOwnerAddsADestinationAndAViewerSeesNoEditControls() {
    String email = newEmail("streamer");
    Caller owner = api.signIn(email);
    String slug = slug("streams");
    api.post(owner, "/api/orgs", new JsonObject().put("name", "Streams").put("slug", slug)).expect(201);
    String campaign = api.post(owner, "/api/orgs/" + slug + "/campaigns", new JsonObject()
        .put("name", "Beacon watch")).expect(201).json().getString("id");

    signIn(email);
    browser.click(By.cssSelector("#app-nav a[data-section=destinations]"));
    browser.visible(By.xpath("//h1[text()='Destinations']"));
    browser.click(By.id("new-destination"));
    browser.type(By.id("destination-name"), "Telemetry out");
    new Select(browser.visible(By.id("destination-kind"))).selectByValue("udp");
    browser.type(By.id("destination-host"), "127.0.0.1");
    browser.type(By.id("destination-port"), "70000");
    browser.click(By.xpath("//button[text()='Add destination']"));
    WebElement portError = browser.visible(By.cssSelector("[data-field=port] .field-error"));
    assertThat(portError.getText()).contains("port").contains("65535");
    browser.type(By.id("destination-port"), "10016");
    browser.click(By.xpath("//button[text()='Add destination']"));

    WebElement row = browser.visible(By.xpath("//tr[.//strong[text()='Telemetry out']]"));
    assertThat(row.getText()).contains("UDP").contains("127.0.0.1:10016").contains("no campaign yet");
    assertThat(row.findElement(By.cssSelector(".stat-sent")).getText()).isEqualTo("0");
    assertThat(row.findElement(By.cssSelector(".badge")).getText()).isNotBlank();
    browser.click(By.xpath("//button[@aria-label='Edit Telemetry out']"));
    assertThat(browser.visible(By.id("destination-kind")).isEnabled()).isFalse();
    browser.type(By.id("destination-port"), "10017");
    browser.click(By.xpath("//button[text()='Save destination']"));
    browser.visible(By.xpath("//tr[.//strong[text()='Telemetry out']]//code[text()='127.0.0.1:10017']"));
    JsonObject destination = api.get(owner, "/api/orgs/" + slug + "/destinations").expect(200).json()
        .getJsonArray("destinations").getJsonObject(0);
    assertThat(destination.getString("kind")).isEqualTo("udp");
    assertThat(destination.getInteger("port")).isEqualTo(10017);

    browser.open("/#/campaigns/" + campaign);
    browser.click(By.cssSelector("input.campaign-destination[data-destination='"
        + destination.getString("id") + "']"));
    browser.waiting(10).until(driver -> api.get(owner, "/api/orgs/" + slug + "/destinations/"
        + destination.getString("id")).expect(200).json().getJsonArray("campaigns").contains(campaign));

    String viewerEmail = newEmail("listener");
    Caller viewer = api.signIn(viewerEmail);
    String request = api.post(viewer, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", "viewer")).expect(200);
    browser.forgetUser();
    signIn(viewerEmail);
    browser.click(By.cssSelector("#app-nav a[data-section=destinations]"));
    WebElement seen = browser.visible(By.xpath("//tr[.//strong[text()='Telemetry out']]"));
    assertThat(seen.getText()).contains("Beacon watch");
    assertThat(browser.present(By.id("new-destination"))).isFalse();
    assertThat(browser.present(By.cssSelector(".row-actions"))).isFalse();
    assertThat(browser.present(By.xpath("//button[text()='Edit' or text()='Delete']"))).isFalse();
    browser.open("/#/campaigns/" + campaign);
    browser.visible(By.cssSelector(".campaign-destination-state"));
    assertThat(browser.present(By.cssSelector("input.campaign-destination"))).isFalse();

    api.post(viewer, "/api/orgs/" + slug + "/destinations", new JsonObject().put("name", "Mine")
        .put("kind", "live")).expect(403);
  }

  /** A viewer sees no control that changes anything, and the API refuses the change anyway. */
  @Test
  @Order(5)
  @Timeout(90)
  void aViewerSeesNoEditControlsAndTheApiRefusesThem() {
    Caller owner = api.signIn(newEmail("boss"));
    String slug = slug("watched");
    api.post(owner, "/api/orgs", new JsonObject().put("name", "Watched").put("slug", slug)).expect(201);
    JsonObject station = createStation(owner, slug, "Mast");
    String viewerEmail = newEmail("viewer");
    Caller viewer = api.signIn(viewerEmail);
    String request = api.post(viewer, "/api/orgs/" + slug + "/join-requests", new JsonObject())
        .expect(201).json().getString("id");
    api.post(owner, "/api/orgs/" + slug + "/join-requests/" + request + "/approve",
        new JsonObject().put("role", "viewer")).expect(200);

    signIn(viewerEmail);
    browser.visible(By.linkText("Mast"));
    assertThat(browser.present(By.id("new-station"))).isFalse();
    browser.click(By.linkText("Mast"));
    browser.visible(By.xpath("//h1[text()='Mast']"));
    browser.visible(By.cssSelector(".skyplot"));
    for (String control : List.of("edit-station", "rotate-key", "delete-station")) {
      assertThat(browser.present(By.id(control))).as(control).isFalse();
    }
    assertThat(browser.present(By.xpath("//h2[text()='Track by hand']"))).isFalse();
    browser.click(By.cssSelector("#app-nav a[data-section=campaigns]"));
    browser.visible(By.xpath("//h1[text()='Campaigns']"));
    assertThat(browser.present(By.id("new-campaign"))).isFalse();

    String stationPath = "/api/orgs/" + slug + "/stations/" + station.getString("id");
    api.patch(viewer, stationPath, new JsonObject().put("name", "Renamed")).expect(403);
    api.post(viewer, stationPath + "/keys", null).expect(403);
    api.post(viewer, "/api/orgs/" + slug + "/campaigns", new JsonObject().put("name", "Mine"))
        .expect(403);
  }

  /** A user of another organisation sees none of the first one's stations or campaigns. */
  @Test
  @Order(6)
  @Timeout(90)
  void aUserOfAnotherOrganisationSeesNothingOfTheFirst() {
    Caller first = api.signIn(newEmail("first"));
    String firstSlug = slug("private");
    api.post(first, "/api/orgs", new JsonObject().put("name", "Private Ops").put("slug", firstSlug))
        .expect(201);
    JsonObject station = createStation(first, firstSlug, "Secret dish");
    api.post(first, "/api/orgs/" + firstSlug + "/campaigns", new JsonObject().put("name", "Secret plan"))
        .expect(201);
    String otherEmail = newEmail("other");
    Caller other = api.signIn(otherEmail);
    String otherSlug = slug("elsewhere");
    api.post(other, "/api/orgs", new JsonObject().put("name", "Elsewhere").put("slug", otherSlug))
        .expect(201);
    createStation(other, otherSlug, "Own dish");

    signIn(otherEmail);
    browser.visible(By.linkText("Own dish"));
    assertThat(browser.driver().getPageSource()).doesNotContain("Secret dish");
    List<String> organisations = new Select(browser.driver().findElement(By.id("org-select")))
        .getOptions().stream().map(WebElement::getText).toList();
    assertThat(organisations).anyMatch(text -> text.startsWith("Elsewhere"))
        .noneMatch(text -> text.contains("Private Ops"));
    browser.click(By.cssSelector("#app-nav a[data-section=campaigns]"));
    browser.visible(By.xpath("//h1[text()='Campaigns']"));
    assertThat(browser.driver().getPageSource()).doesNotContain("Secret plan");
    browser.open("/#/stations/" + station.getString("id"));
    browser.visible(By.cssSelector(".problem"));
    assertThat(browser.driver().getPageSource()).doesNotContain("Secret dish");

    api.get(other, "/api/orgs/" + firstSlug + "/stations").expect(404);
    api.get(other, "/api/orgs/" + firstSlug + "/campaigns").expect(404);
  }

  /** Screenshots of the main pages, with the demo station tracking, for the documentation. */
  @Test
  @Order(7)
  @Timeout(120)
  void screenshotsOfTheMainPages() throws IOException {
    Caller demo = api.signIn(DEMO_OWNER);
    String station = api.get(demo, "/api/orgs/demo/stations").expect(200).json()
        .getJsonArray("stations").getJsonObject(0).getString("id");
    String campaign = api.post(demo, "/api/orgs/demo/campaigns", new JsonObject()
        .put("name", "Space station voice").put("priority", 3)).expect(201).json().getString("id");
    String base = "/api/orgs/demo/campaigns/" + campaign;
    api.send(demo, "PUT", base + "/targets/" + FreshElements.NORAD, new JsonObject()).expect(201);
    api.post(demo, base + "/assignments", new JsonObject().put("stationId", station)).expect(201);
    api.post(demo, base + "/schedule", null).expect(200);
    api.post(demo, base + "/activate", null).expect(200);
    api.post(demo, "/api/orgs/demo/plan/refresh", null);

    signIn(DEMO_OWNER);
    browser.visible(By.linkText("Demo station"));
    browser.waiting(30).until(ExpectedConditions.textMatches(By.cssSelector(".cell-online"),
        java.util.regex.Pattern.compile("online")));
    List<Path> shots = new java.util.ArrayList<>();
    shots.add(browser.screenshot("stations"));
    browser.open("/#/stations/" + station);
    browser.waiting(30).until(driver -> driver.findElement(By.cssSelector(".skyplot [data-role=measured]"))
        .getDomAttribute("data-azimuth") != null);
    shots.add(browser.screenshot("station-detail"));
    browser.open("/#/campaigns");
    browser.visible(By.linkText("Space station voice"));
    shots.add(browser.screenshot("campaigns"));
    browser.open("/#/campaigns/" + campaign);
    browser.visible(By.xpath("//h1[text()='Space station voice']"));
    shots.add(browser.screenshot("campaign-detail"));
    browser.open("/#/plan");
    browser.visible(By.cssSelector("svg.gantt"));
    shots.add(browser.screenshot("plan"));
    browser.open("/#/tracking");
    browser.visible(By.cssSelector("svg.worldmap"));
    browser.waiting(30).until(driver -> !driver.findElements(By.cssSelector("svg.worldmap path.land[d]")).isEmpty());
    // the demo station always follows a satellite: the map shows it with its ground track
    browser.waiting(60).until(driver -> !driver.findElements(By.cssSelector("svg.worldmap .satellite")).isEmpty()
        && !driver.findElements(By.cssSelector("svg.worldmap path.ground-track")).isEmpty());
    shots.add(browser.screenshot("tracking"));
    browser.forgetUser();
    browser.open("/public/track.html#" + FreshElements.NORAD);
    browser.waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
        FreshElements.NAME));
    browser.waiting(20).until(driver -> !driver.findElements(By.cssSelector("svg.worldmap .satellite")).isEmpty());
    shots.add(browser.screenshot("public-tracker"));

    for (Path shot : shots) {
      assertThat(Files.size(shot)).as(shot.toString()).isGreaterThan(10_000);
    }
  }

  /** Scrolls the element found by {@code by} to the top of the window, below the header. */
  private void scrollTo(By by) {
    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView(true);"
        + " window.scrollBy(0, -document.querySelector('.app-header').offsetHeight - 8)",
        browser.visible(by));
  }

  /** Signs the browser in through the sign-in page and the link in the dev outbox. */
  private void signIn(String email) {
    browser.open("/#/signin");
    browser.type(By.cssSelector("input[type=email]"), email);
    browser.click(By.xpath("//button[text()='Send me a sign-in link']"));
    WebElement result = browser.visible(By.cssSelector(".signin-result .callout"));
    assertThat(result.getText()).contains("Check your mail")
        .contains("In dev mode the link is written to");
    String token = api.awaitLink(email);
    browser.open("/auth/verify?token=" + token);
    browser.visible(By.id("user-link"));
    browser.waiting(10).until(ExpectedConditions.textToBe(By.id("user-link"), email));
  }

  private JsonObject createStation(Caller owner, String slug, String name) {
    JsonObject station = api.post(owner, "/api/orgs/" + slug + "/stations", new JsonObject()
        .put("name", name).put("latitude", 47.0).put("longitude", 8.0).put("altitude", 400))
        .expect(201).json();
    IssuedSecrets.record(station.getString("apiKey"));
    return station;
  }

  private static String newEmail(String role) {
    return role + "-" + USERS.incrementAndGet() + "-" + System.nanoTime() % 100_000 + "@web.talos.test";
  }

  private static String slug(String prefix) {
    return prefix + "-" + USERS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
