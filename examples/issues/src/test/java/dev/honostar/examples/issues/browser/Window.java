package dev.honostar.examples.issues.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Pattern;

/**
 * One headless Chromium with its own fresh profile (so its own cookies): a user at one window.
 * Every wait is explicit ({@link WebDriverWait}); nothing sleeps.
 *
 * <p>Before any page script runs, every document gets a small probe ({@link #PROBE}) that records
 * what the tests cannot see afterwards: the {@code datastar-fetch} events of the live stream
 * ({@code #hs-live}) and the class of {@code <html>} when the parser reached {@code <body>} and
 * at {@code DOMContentLoaded}.
 */
final class Window implements AutoCloseable {

  /** Runs in every new document before its own scripts (CDP Page.addScriptToEvaluateOnNewDocument). */
  static final String PROBE = """
    (() => {
      const probe = window.__hsProbe = { live: [], fetches: [], themeAtBody: null, themeAtDcl: null, reveal: null };
      // How this document was revealed: 'none', or with a cross-document view transition
      // ('transition', then 'finished'). Only finished is observed: a handler on ready would hide
      // a rejected transition from the console check.
      window.addEventListener('pagereveal', (e) => {
        probe.reveal = e.viewTransition ? 'transition' : 'none';
        if (e.viewTransition) e.viewTransition.finished.then(() => { probe.reveal = 'finished'; });
      });
      document.addEventListener('datastar-fetch', (e) => {
        const d = e.detail || {};
        const id = d.el && d.el.id;
        if (id === 'hs-live') probe.live.push(d.type);
        probe.fetches.push((id || (d.el && d.el.tagName) || '?') + ':' + d.type
          + (d.argsRaw && d.argsRaw.status ? ' ' + d.argsRaw.status : ''));
        if (probe.fetches.length > 50) probe.fetches.shift();
      });
      new MutationObserver((records, observer) => {
        if (document.body) {
          probe.themeAtBody = document.documentElement.className;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => {
        probe.themeAtDcl = document.documentElement.className;
      });
    })();
    """;

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;
  /** Every browser log entry read so far (chromedriver hands each out once). */
  private final List<LogEntry> log = new ArrayList<>();
  /** Console errors a test expects (a network error while the server restarts). */
  private final List<Pattern> expectedErrors = new ArrayList<>();

  Window(String base) {
    this.base = base;
    System.setProperty("webdriver.chrome.driver", BrowserSupport.CHROMEDRIVER.toString());
    try {
      profile = Files.createTempDirectory("issues-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BrowserSupport.CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile,
      // Offline but for the app: a page that reaches for the network (a CDN) gets a console error.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
      .usingDriverExecutable(BrowserSupport.CHROMEDRIVER.toFile())
      .usingAnyFreePort()
      .withLogOutput(OutputStream.nullOutputStream())
      .build();
    try {
      driver = new ChromeDriver(service, options);
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
    } catch (RuntimeException e) {
      BrowserSupport.deleteTree(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  String base() {
    return base;
  }

  /**
   * Emulates a phone's screen from now on: a viewport {@code width} by {@code height} CSS pixels,
   * with the mobile meta-viewport handling of a phone's browser.
   */
  Window viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
      Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    return this;
  }

  /** Saves what the window shows as {@code target/browser-screenshots/<name>.png} and returns its path. */
  Path screenshot(String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
      Path file = dir.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads nothing from the browser's cache from now on, as on a first visit: every stylesheet
   * and script of the next pages comes from the network.
   */
  Window uncached() {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    return this;
  }

  /** How the current document was revealed: {@code none}, {@code transition} or {@code finished} (a view transition). */
  String reveal() {
    return (String) js("return window.__hsProbe ? window.__hsProbe.reveal : null");
  }

  /** Navigates (a real page load) to {@code path} of the app. */
  Window open(String path) {
    driver.get(base + path);
    return this;
  }

  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  boolean has(String css) {
    return !findAll(css).isEmpty();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Fetches {@code path} from inside the page (same cookies) and returns the body as the server sent it. */
  String fetchText(String path) {
    return (String) ((JavascriptExecutor) driver).executeAsyncScript(
      "const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('fetch failed: ' + e));",
      path);
  }

  <T> T await(String what, ExpectedCondition<T> condition) {
    return await(what, BrowserSupport.WAIT, condition);
  }

  <T> T await(String what, Duration timeout, ExpectedCondition<T> condition) {
    try {
      return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what + " on " + driver.getCurrentUrl()
        + "\ndatastar-fetch events (element:type): " + js("return window.__hsProbe ? JSON.stringify(window.__hsProbe.fetches) : 'no probe'")
        + "\nbrowser console: " + console()
        + "\nfocus: " + js("const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : 'none'")
        + "\n" + excerpt(), e);
    }
  }

  private String console() {
    try {
      StringBuilder b = new StringBuilder();
      for (LogEntry e : log()) {
        b.append("\n  ").append(e.getLevel()).append(' ').append(e.getMessage());
      }
      return b.length() == 0 ? "(empty)" : b.toString();
    } catch (RuntimeException e) {
      return "(unavailable: " + e.getMessage() + ")";
    }
  }

  /** The browser console of every document this window has shown so far, oldest first. */
  List<LogEntry> log() {
    log.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
    return List.copyOf(log);
  }

  /**
   * Lets console errors matching {@code regex} pass {@link #consoleErrors()}: only for errors
   * the test itself causes on purpose (a request to a server it just stopped).
   */
  Window expectConsoleError(String regex) {
    expectedErrors.add(Pattern.compile(regex));
    return this;
  }

  /**
   * Console errors and uncaught page errors (exceptions, rejected promises, failed loads, CSP
   * violations: Chromium logs each at level SEVERE) of every document so far, but those the
   * test expects.
   */
  List<String> consoleErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry e : log()) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()
        && expectedErrors.stream().noneMatch(p -> p.matcher(e.getMessage()).find())) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }

  private String excerpt() {
    Object html = js("return document.body ? document.body.outerHTML : document.documentElement.outerHTML");
    String s = String.valueOf(html);
    return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
  }

  /** Waits until an element matching {@code css} contains {@code text}. */
  WebElement awaitText(String css, String text) {
    return await("\"" + text + "\" in " + css, d -> {
      for (WebElement e : d.findElements(By.cssSelector(css))) {
        if (e.getText().contains(text)) {
          return e;
        }
      }
      return null;
    });
  }

  WebElement awaitElement(String css) {
    return await(css, d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  void awaitNoElement(String css) {
    await("no " + css, d -> d.findElements(By.cssSelector(css)).isEmpty());
  }

  /** The {@code datastar-fetch} event types of this document's live stream so far. */
  @SuppressWarnings("unchecked")
  List<String> liveEvents() {
    return (List<String>) js("return window.__hsProbe ? window.__hsProbe.live.slice() : []");
  }

  /**
   * Waits until the live stream delivered its first patch (the current state it sends on every
   * connect; when the page's regions were current, only the signal patch that clears their
   * fingerprints): from then on the page is subscribed.
   */
  Window awaitLive() {
    await("the live stream's first patch", d -> {
      List<String> events = liveEvents();
      return events.contains("datastar-patch-elements") || events.contains("datastar-patch-signals");
    });
    return this;
  }

  /** Opens the "New issue" dialog of {@code /issues}. */
  Window openNewIssueDialog() {
    find("#new-issue").click();
    awaitElement("#ds-overlays #new-issue-dialog [role=dialog]");
    return this;
  }

  /** Files an issue through the "New issue" dialog of {@code /issues} (submitted, not awaited). */
  Window fileIssueInDialog(String title, String description) {
    openNewIssueDialog();
    type("#dialog-title", title);
    type("#dialog-description", description);
    find("#new-issue-dialog button[type=submit]").click();
    return this;
  }

  /** Marks the document; {@link #sameDocument(String)} tells whether it is still the same one. */
  String markDocument() {
    String mark = UUID.randomUUID().toString();
    js("window.__hsTestMark = arguments[0]", mark);
    return mark;
  }

  boolean sameDocument(String mark) {
    return mark.equals(js("return window.__hsTestMark || null"));
  }

  /** Types into a field, replacing what it held. */
  void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  /** Signs up a fresh user through the forms (plain form posts), logs in, and waits for the signed-in navigation bar. */
  Window signUp(String name) {
    String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    open("/signup");
    type("form[action='/signup'] [name=name]", name);
    type("form[action='/signup'] [name=email]", email);
    type("form[action='/signup'] [name=password]", "correct horse battery");
    find("form[action='/signup'] button[type=submit]").click();
    // Sign-up answers alike for new and known addresses, so it ends on the login page.
    awaitElement("#account-notice");
    type("form[action='/login'] [name=email]", email);
    type("form[action='/login'] [name=password]", "correct horse battery");
    find("form[action='/login'] button[type=submit]").click();
    awaitElement("#logout");
    return this;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      BrowserSupport.deleteTree(profile);
    }
  }
}
