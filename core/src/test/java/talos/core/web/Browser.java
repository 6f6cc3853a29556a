package talos.core.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for the web UI's tests. Both
 * are found at fixed paths so that Selenium never downloads a browser. Tests skip when either is
 * missing, unless {@code TALOS_CI=true}: then a missing browser fails the test.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where screenshots go: {@code core/target/screenshots} when Maven runs the core's tests. */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final WebDriver driver;
  private final String baseUrl;

  private Browser(WebDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** Skips the calling test (or fails it on CI) when Chromium or its driver is missing. */
  static void require() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("TALOS_CI"))) {
      throw new AssertionError(CHROMIUM + " and " + CHROMEDRIVER + " are needed on CI: apt-get"
          + " install chromium chromium-driver");
    }
    Assumptions.assumeTrue(present, CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get"
        + " install chromium chromium-driver); skipping the browser tests of the web UI");
  }

  /** Starts a headless browser whose relative navigation goes to {@code baseUrl}. */
  static Browser start(String baseUrl) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            "--window-size=1366,900", "--disable-gpu", "--no-first-run",
            "--disable-search-engine-choice-screen");
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, baseUrl);
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a path of the server, such as {@code /#/stations}. */
  void open(String path) {
    driver.get(baseUrl + path);
  }

  /** A wait of up to {@code seconds} for a condition of the page. */
  WebDriverWait waiting(int seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.pollingEvery(Duration.ofMillis(100));
    return wait;
  }

  /** Waits up to 10 s for an element to be visible and returns it. */
  WebElement visible(By by) {
    return waiting(10).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Clears the field found by {@code by} and types {@code text} into it. */
  void type(By by, String text) {
    WebElement field = visible(by);
    field.clear();
    field.sendKeys(text);
  }

  /** Waits up to 10 s for an element to be clickable and clicks it. */
  void click(By by) {
    waiting(10).until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  /** Whether any element matches {@code by} now. */
  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  /** Forgets the signed-in user: the session cookie and what the app keeps in local storage. */
  void forgetUser() {
    open("/icon.svg");
    driver.manage().deleteAllCookies();
    ((JavascriptExecutor) driver).executeScript("window.localStorage.clear()");
  }

  /** Saves the page as {@code target/screenshots/<name>.png} and returns the file. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
