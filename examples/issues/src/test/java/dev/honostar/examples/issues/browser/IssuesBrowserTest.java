package dev.honostar.examples.issues.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.honostar.examples.issues.browser.BrowserSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue tracker in headless Chromium with the real Datastar runtime and {@code honostar.js}:
 * what the browserless kit cannot check (JavaScript behaviour: morphs, modals, focus, toasts, the
 * theme). One app for the class; every test makes its own users.
 */
class IssuesBrowserTest extends OneAppInBrowser {

  @Test
  void anIssueCreatedInTheDialogAppearsInTheOtherWindowWithoutReloadAndTheCreatorGetsAToast() {
    Window alice = window().signUp("Alice");
    Window bob = window().signUp("Bob");
    alice.open("/issues").awaitLive();
    bob.open("/issues").awaitLive();
    String bobsDocument = bob.markDocument();
    String alicesDocument = alice.markDocument();

    String title = unique("Printer on fire");
    alice.fileIssueInDialog(title, "Smoke everywhere");

    WebElement toast = alice.awaitText("#toast-container [data-hs-toast]", title);
    assertThat(toast.getText()).contains("created");
    alice.awaitNoElement("#new-issue-dialog");
    alice.awaitText("#issues-list", title);

    WebElement row = bob.awaitText("#issues-list .row", title);
    assertThat(row.getAttribute("id")).matches("issue-\\d+");
    assertThat(bob.find("#issues-list .row a.row__title[href^='/issues/']").getText()).isNotBlank();
    assertThat(bob.sameDocument(bobsDocument)).as("Bob's page was not reloaded").isTrue();
    assertThat(alice.sameDocument(alicesDocument)).as("Alice's page was not reloaded").isTrue();
    assertThat(bob.has("#toast-container [data-hs-toast]")).as("only the creator gets a toast").isFalse();
  }

  @Test
  void theDialogMakesTheAppInertMovesTheFocusInAndClosesOnEscape() {
    Window alice = window().signUp("Alice");
    alice.open("/issues").awaitLive();
    String document = alice.markDocument();
    assertThat(alice.find("#app").getDomAttribute("inert")).isNull();

    alice.openNewIssueDialog();
    assertThat(alice.js("const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
      + " return ids.filter((id, i) => ids.indexOf(id) !== i)")).as("ids used twice with the dialog open").asList().isEmpty();
    alice.await("#app to become inert", d -> alice.find("#app").getDomAttribute("inert") != null);
    alice.await("the focus inside the dialog", d -> focusIn(alice, "new-issue-dialog"));
    assertThat(alice.path()).as("the link's own navigation was prevented").isEqualTo("/issues");

    alice.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    alice.awaitNoElement("#new-issue-dialog");
    alice.await("#app to be interactive again", d -> alice.find("#app").getDomAttribute("inert") == null);

    // The Cancel button closes it too.
    alice.openNewIssueDialog();
    alice.find("#new-issue-dialog button[data-hs-close]:not([aria-label])").click();
    alice.awaitNoElement("#new-issue-dialog");
    alice.await("#app to be interactive again", d -> alice.find("#app").getDomAttribute("inert") == null);
    assertThat(alice.sameDocument(document)).isTrue();
  }

  @Test
  void closingTheDialogGivesTheFocusBackToWhatOpenedIt() {
    Window alice = window().signUp("Alice");
    alice.open("/issues").awaitLive();
    alice.openNewIssueDialog();
    alice.await("the focus inside the dialog", d -> focusIn(alice, "new-issue-dialog"));

    alice.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
    alice.awaitNoElement("#new-issue-dialog");
    alice.await("the focus back on \"New issue\"",
      d -> "new-issue".equals(alice.js("return document.activeElement && document.activeElement.id")));
  }

  @Test
  void anEmptyTitleShowsItsErrorInsideTheDialogWhichStaysOpen() {
    Window alice = window().signUp("Alice");
    alice.open("/issues").awaitLive();
    String document = alice.markDocument();

    alice.openNewIssueDialog();
    alice.type("#dialog-description", "no title given");
    alice.find("#new-issue-dialog button[type=submit]").click();
    WebElement error = alice.await("the title's error in the dialog", d -> {
      for (WebElement e : d.findElements(By.cssSelector("#new-issue-dialog .hs-field__error"))) {
        if (e.isDisplayed() && !e.getText().isBlank()) {
          return e;
        }
      }
      return null;
    });
    assertThat(error.getText()).isNotBlank();
    assertThat(alice.has("#new-issue-dialog")).as("the dialog stays open").isTrue();
    assertThat(alice.find("#app").getDomAttribute("inert")).isNotNull();
    assertThat(alice.find("#dialog-description").getDomProperty("value")).as("what was typed is kept").isEqualTo("no title given");
    assertThat(alice.has("#toast-container [data-hs-toast]")).isFalse();
    assertThat(alice.sameDocument(document)).isTrue();

    // Corrected, it goes through: the dialog closes and the error is gone for the next one.
    String title = unique("Now with a title");
    alice.type("#dialog-title", title);
    alice.find("#new-issue-dialog button[type=submit]").click();
    alice.awaitNoElement("#new-issue-dialog");
    alice.awaitText("#toast-container [data-hs-toast]", title);
    alice.openNewIssueDialog();
    assertThat(alice.findAll("#new-issue-dialog .hs-field__error").stream().filter(WebElement::isDisplayed)).isEmpty();
  }

  private static String shown(Window w, String css) {
    WebElement e = w.find(css);
    return e.isDisplayed() ? e.getText() : "";
  }

  @Test
  void twoFormsOnOnePageTheDialogsErrorDoesNotShowInTheFormBehindIt() {
    Window alice = window().signUp("Alice");
    alice.open("/issues").awaitLive();
    alice.openNewIssueDialog();
    alice.find("#dialog-create").click();
    alice.awaitText("#dialog-title-error", "Give the issue a title");
    assertThat(shown(alice, "#title-error")).as("the create form behind the dialog").isEmpty();
    assertThat(alice.find("#title").getDomAttribute("aria-invalid")).isNull();
    assertThat(alice.find("#dialog-title").getDomAttribute("aria-invalid")).isEqualTo("true");

    // And the other way round: the create form's error stays out of a dialog opened later.
    alice.find("#new-issue-dialog button[data-hs-close]:not([aria-label])").click();
    alice.awaitNoElement("#new-issue-dialog");
    alice.find("#create-issue").click();
    alice.awaitText("#title-error", "Give the issue a title");
    alice.openNewIssueDialog();
    assertThat(shown(alice, "#dialog-title-error")).as("a dialog opened after the form failed").isEmpty();
  }

  @Test
  void aSuccessAfterAFailureClearsTheMessageAndEmptiesTheForm() {
    Window alice = window().signUp("Alice");
    alice.open("/issues").awaitLive();
    String document = alice.markDocument();
    alice.type("#description", "first try");
    alice.find("#create-issue").click();
    alice.awaitText("#title-error", "Give the issue a title");
    assertThat(alice.find("#title").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(alice.find("#description").getDomProperty("value")).as("kept after a failure").isEqualTo("first try");

    String title = unique("Second try");
    alice.type("#title", title);
    alice.find("#create-issue").click();
    alice.awaitText("#toast-container [data-hs-toast]", title);
    alice.await("the message cleared", d -> shown(alice, "#title-error").isEmpty());
    alice.await("the form emptied", d -> alice.find("#title").getDomProperty("value").isEmpty()
      && alice.find("#description").getDomProperty("value").isEmpty());
    assertThat(alice.find("#title").getDomAttribute("aria-invalid")).isNull();
    assertThat(alice.findAll("body > div[hidden][data-init*='reset()']")).as("the reset element removed itself").isEmpty();
    assertThat(alice.sameDocument(document)).isTrue();
  }

  private static boolean focusIn(Window w, String id) {
    return Boolean.TRUE.equals(w.js("const el = document.getElementById(arguments[0]); return !!el && el.contains(document.activeElement)", id));
  }

  @Test
  void theThemeIsRenderedByTheServerBeforeAnyScriptAndTheToggleSwitchesItWithoutReload() {
    Window w = window();
    w.open("/labels");                                   // any page: sets the origin for the cookie
    w.driver().manage().addCookie(new Cookie("ds_theme", "dark", "/"));

    // The HTML as the server sent it.
    String html = w.fetchText("/issues");
    Matcher htmlTag = Pattern.compile("<html[^>]*>").matcher(html);
    assertThat(htmlTag.find()).as("an <html> tag in " + html).isTrue();
    assertThat(classesOf(htmlTag.group())).contains("dark").doesNotContain("light");

    // The document as the browser parsed it: dark before the first script of the page ran.
    w.open("/issues");
    assertThat(classes(w.js("return window.__hsProbe.themeAtBody"))).contains("dark");
    assertThat(classes(w.js("return window.__hsProbe.themeAtDcl"))).contains("dark");
    assertThat(w.find("[data-hs-theme=dark]").getAttribute("aria-pressed")).isEqualTo("true");

    String document = w.markDocument();
    w.find("[data-hs-theme=light]").click();
    w.await("the light class", d -> classes(w.js("return document.documentElement.className")).contains("light"));
    assertThat(classes(w.js("return document.documentElement.className"))).doesNotContain("dark");
    assertThat(w.driver().manage().getCookieNamed("ds_theme").getValue()).isEqualTo("light");
    assertThat(w.find("[data-hs-theme=light]").getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(w.find("[data-hs-theme=dark]").getAttribute("aria-pressed")).isEqualTo("false");

    w.find("[data-hs-theme=dark]").click();
    w.await("the dark class", d -> classes(w.js("return document.documentElement.className")).contains("dark"));
    assertThat(w.driver().manage().getCookieNamed("ds_theme").getValue()).isEqualTo("dark");
    assertThat(w.sameDocument(document)).as("the toggle did not reload the page").isTrue();

    // The next page load comes from the server already in the chosen theme.
    w.find("[data-hs-theme=light]").click();
    w.await("the light class", d -> classes(w.js("return document.documentElement.className")).contains("light"));
    w.open("/labels");
    assertThat(classes(w.js("return window.__hsProbe.themeAtBody"))).contains("light").doesNotContain("dark");
  }

  @Test
  void everyNavigationLinkIsARealLinkThatWorks() {
    for (boolean signedIn : new boolean[] {false, true}) {
      Window w = window();
      if (signedIn) {
        w.signUp("Carol");
      }
      w.open("/issues");
      Map<String, String> links = new LinkedHashMap<>();
      for (WebElement a : w.findAll("header nav a")) {
        String href = a.getDomAttribute("href");
        assertThat(href).as("nav link \"" + a.getText() + "\" has an href").isNotBlank().startsWith("/");
        links.put(href, a.getText());
      }
      assertThat(links.keySet()).contains("/issues", "/labels");
      assertThat(links.keySet()).contains(signedIn ? "/profile" : "/login");
      for (String href : links.keySet()) {
        w.open("/issues");
        w.find("header nav a[href='" + href + "']").click();
        w.await("navigation to " + href, d -> w.path().equals(href));
        w.await("the page " + href + " loaded", d -> "complete".equals(w.js("return document.readyState")));
        assertThat(w.find("main h1, main h2").getText()).as("a heading on " + href).isNotBlank();
      }
    }
  }

  /**
   * Offline (the windows reach nothing but the app), an error page loads the runtime the app
   * self-hosts, from its hashed, immutable URL, not the CDN.
   */
  @Test
  void errorPagesLoadTheSelfHostedRuntime() {
    Window w = window().expectConsoleError("/nope - Failed to load resource: the server responded with a status of 404");
    w.open("/nope");
    assertThat(w.driver().getTitle()).contains("404");
    String src = (String) w.js("const s = document.querySelector('script[src*=datastar]'); return s && s.src");
    assertThat(src).startsWith(w.base() + "/_/assets/honostar/datastar.");
    w.await("the runtime to load", d -> Boolean.TRUE.equals(
      w.js("return performance.getEntriesByName(arguments[0]).some(e => e.responseStatus === 200)", src)));
    assertThat(w.js("return fetch(arguments[0]).then(r => r.headers.get('cache-control'))", src))
      .isEqualTo("public, max-age=31536000, immutable");
  }

  /**
   * Pages opt in to cross-document view transitions. A form post that redirects (signing up) and
   * a link both reveal the next page with a view transition that runs to its end, also when the
   * stylesheets come from the network rather than the cache (a first visit), and without the
   * {@code InvalidStateError} Chromium raises when the new page's opt-in is not known yet.
   */
  @Test
  void formPostsThatRedirectAndLinksRevealTheNextPageWithAViewTransition() {
    Window w = window().uncached();
    w.signUp("Ivy");
    assertThat(w.path()).isEqualTo("/issues");
    w.await("the view transition into /issues to run to its end", d -> "finished".equals(w.reveal()));

    w.find("header nav a[href='/labels']").click();
    w.await("navigation to /labels", d -> w.path().equals("/labels"));
    w.await("the view transition into /labels to run to its end", d -> "finished".equals(w.reveal()));
  }

  /**
   * On a phone (390 CSS pixels wide) no page is wider than the screen: the header wraps instead
   * of pushing the page sideways. Screenshots of each page are left under
   * {@code target/browser-screenshots/}.
   */
  @Test
  void atAPhonesWidthNoPageIsWiderThanTheScreen() {
    for (boolean signedIn : new boolean[] {false, true}) {
      Window w = window().viewport(390, 844);
      if (signedIn) {
        w.signUp("Maximiliane Longname");
      }
      for (String path : List.of("/issues", "/issues/1", "/labels", signedIn ? "/profile" : "/login")) {
        w.open(path);
        w.await("the page " + path + " loaded", d -> "complete".equals(w.js("return document.readyState")));
        // The layout viewport: a phone's browser zooms out (innerWidth grows) when a page is too wide.
        long viewport = ((Number) w.js("return document.documentElement.clientWidth")).longValue();
        long page = ((Number) w.js("return document.documentElement.scrollWidth")).longValue();
        Path shot = w.screenshot("narrow-" + (signedIn ? "signed-in" : "signed-out") + path.replace('/', '-'));
        assertThat(viewport).as("the viewport").isEqualTo(390);
        assertThat(page).as("the width of %s at a 390 px wide viewport (screenshot: %s)", path, shot.toAbsolutePath())
          .isLessThanOrEqualTo(viewport);
      }
    }
  }

  private static List<String> classesOf(String htmlTag) {
    Matcher m = Pattern.compile("class=\"([^\"]*)\"").matcher(htmlTag);
    return m.find() ? classes(m.group(1)) : List.of();
  }

  private static List<String> classes(Object className) {
    String s = className == null ? "" : className.toString().trim();
    return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
  }
  /** A one-off effect for the others (LiveEffects): Bob's window of the issue gets "Alice closed it", Alice's does not. */
  @Test
  void closingAnIssueToastsTheOtherWindowsShowingItButNotTheAuthors() {
    Window alice = window().signUp("Alice");
    Window bob = window().signUp("Bob");
    alice.open("/issues").awaitLive();
    String title = unique("Toast the others");
    alice.type("#new-issue-form [name=title]", title);
    alice.find("#create-issue").click();
    WebElement row = alice.awaitText("#issues-list .row", title);
    String path = java.net.URI.create(row.findElement(org.openqa.selenium.By.cssSelector("a.row__title")).getAttribute("href")).getPath();
    alice.open(path).awaitLive();
    bob.open(path).awaitLive();

    alice.find("#toggle-status").click();
    bob.awaitText("#toast-container [data-hs-toast]", "Alice closed it");
    alice.awaitText("#issue-main", "Closed");
    assertThat(alice.find("#toast-container").getText()).as("the author has the command's own toast").doesNotContain("Alice closed it");
  }
}
