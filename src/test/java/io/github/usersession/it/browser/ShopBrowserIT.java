package io.github.usersession.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.github.usersession.it.support.Deployments;

/**
 * The sample shop in a real browser (headless Chromium): the cart lives in the user session across reloads and
 * login, login gives the session a new ID, logout ends it, scripts on the page never see the session cookie, and the
 * page's WebSocket shows the other tabs of the session a change of the cart and the logout, with no reload.
 */
@ExtendWith(ArquillianExtension.class)
class ShopBrowserIT {

    private static final String COOKIE = "USERSESSION";
    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path WEBAPP = BASEDIR.resolve("samples/shop/src/main/webapp");

    private static WebDriver driver;
    private static WebDriverWait wait;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("shop").addPackage("io.github.usersession.samples.shop")
                .as(ExplodedImporter.class).importDirectory(WEBAPP.toFile())
                .as(WebArchive.class);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        for (String program : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            if (!new File(program).canExecute()) {
                throw new IllegalStateException(program + " is missing: the browser test needs Debian's chromium and"
                        + " chromium-driver. Run the README's test command, bash .ci/run, which installs them.");
            }
        }
        // Debian's chromium and chromedriver, named explicitly so that Selenium Manager never downloads either.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        Path target = Files.createDirectories(BASEDIR.resolve("target"));
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory(target, "chromium-profile-"));
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    static void quitBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void forgetSession() {
        driver.get(base.toExternalForm());
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
    }

    @Test
    void cartSurvivesReloadAndLoginAndEndsAtLogout() {
        assertTrue(present(By.id("cart-empty")), "a new visitor's cart is empty");
        assertNull(sessionId(), "looking at the shop starts no session");

        submit(By.id("add-green-tea"));
        assertEquals(List.of("Green tea 1 4.50 EUR"), cartRows(), "the added product is in the cart");
        String firstId = sessionId();
        assertNotNull(firstId, "adding to the cart starts a session");
        String trace = driver.findElement(By.id("trace")).getText();
        assertFalse(trace.isBlank(), "the page shows the session's trace ID");
        Instant expires = Instant.parse(driver.findElement(By.id("expires")).getDomAttribute("datetime"));
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofMinutes(25)))
                && expires.isBefore(Instant.now().plus(Duration.ofMinutes(31))),
                "the session expires after the default idle timeout of 30 minutes: " + expires);

        driver.navigate().refresh();
        assertEquals(List.of("Green tea 1 4.50 EUR"), cartRows(), "a reload keeps the cart");
        assertEquals(firstId, sessionId(), "a reload keeps the session ID");

        // Markup in the name must come back as text: the page escapes it.
        driver.findElement(By.id("username")).sendKeys("<i>ann</i>");
        submit(By.id("login"));
        assertEquals("<i>ann</i>", driver.findElement(By.id("user")).getText());
        assertTrue(driver.findElements(By.cssSelector("#user i")).isEmpty(), "the user name is not markup");
        String loggedInId = sessionId();
        assertNotNull(loggedInId, "the session survives login");
        assertNotEquals(firstId, loggedInId, "login gives the session a new ID");
        assertEquals(List.of("Green tea 1 4.50 EUR"), cartRows(), "the cart is kept under the new ID");
        assertEquals(trace, driver.findElement(By.id("trace")).getText(), "it is the same session");

        submit(By.id("logout"));
        assertTrue(present(By.id("cart-empty")), "logout empties the cart");
        assertTrue(present(By.id("no-session")), "logout ends the session");
        assertTrue(present(By.id("login")), "logout signs the user out");
        assertNull(sessionId(), "logout clears the cookie");
    }

    @Test
    void sessionCookieIsHttpOnlyAndHiddenFromScripts() {
        submit(By.id("add-teapot"));
        assertEquals(List.of("Cast-iron teapot 1 39.00 EUR"), cartRows());
        Cookie cookie = driver.manage().getCookieNamed(COOKIE);
        assertNotNull(cookie, "adding to the cart starts a session");

        // A cookie the script sets itself proves that document.cookie works here, so its silence is meaningful.
        JavascriptExecutor script = (JavascriptExecutor) driver;
        String seen = (String) script.executeScript("document.cookie = 'probe=visible'; return document.cookie;");
        assertTrue(seen.contains("probe=visible"), "document.cookie works on this page: " + seen);
        assertFalse(seen.contains(COOKIE), "scripts cannot read the session cookie: " + seen);
        assertFalse(seen.contains(cookie.getValue()), "scripts cannot read the session ID");

        assertTrue(cookie.isHttpOnly(), "the session cookie is HttpOnly");
        assertEquals("Lax", cookie.getSameSite());
        assertEquals(base.getPath().replaceFirst("/$", ""), cookie.getPath(), "the cookie's path is the context path");
    }

    @Test
    void otherTabsOfTheSessionGetTheCartCountLiveAndLearnOfTheLogout() {
        submit(By.id("add-green-tea"));
        awaitLive("connected");
        String first = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            driver.get(base.toExternalForm());
            awaitLive("connected");
            assertEquals("1", driver.findElement(By.id("cart-count")).getText());
            String second = driver.getWindowHandle();
            // A mark on this page's window: it is still there afterwards only if the page was never reloaded.
            ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");

            driver.switchTo().window(first);
            submit(By.id("add-teapot"));
            assertEquals("2", driver.findElement(By.id("cart-count")).getText());
            driver.switchTo().window(second);
            wait.until(ExpectedConditions.textToBe(By.id("cart-count"), "2"));

            driver.switchTo().window(first);
            submit(By.id("logout"));
            driver.switchTo().window(second);
            awaitLive("closed");
            assertTrue(driver.findElement(By.id("live")).getText().contains("Your session has ended"),
                    driver.findElement(By.id("live")).getText());
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript("return window.notReloaded;"),
                    "the other tab learnt it all without a reload");
        } finally {
            driver.close();
            driver.switchTo().window(first);
        }
    }

    /** Waits until the page's live connection is in the state ("connected" or "closed"). */
    private static void awaitLive(String state) {
        wait.until(ExpectedConditions.attributeToBe(By.id("live"), "class", state));
    }

    /** Clicks a form's button and waits until the browser has followed the redirect to the new page. */
    private static void submit(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        wait.until(browser -> isGone(page));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("session")));
    }

    /**
     * Whether an element of the previous page is gone. ChromeDriver 156 answers a question about it in the middle of
     * the navigation with "Node with given id does not belong to the document" rather than a stale reference.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException gone) {
            return true;
        }
    }

    private static boolean present(By element) {
        return !driver.findElements(element).isEmpty();
    }

    private static String sessionId() {
        Cookie cookie = driver.manage().getCookieNamed(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** Each cart line as "product quantity price". */
    private static List<String> cartRows() {
        return driver.findElements(By.cssSelector("#cart-lines tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .map(cells -> String.join(" ", cells)).toList();
    }
}
