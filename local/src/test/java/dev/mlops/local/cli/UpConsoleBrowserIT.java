package dev.mlops.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.local.runtime.LocalRuntime;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.registry.ModelStatus;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole loop in a real browser against the real runtime: {@code ./mlops up}'s {@link LocalRuntime} (workflow
 * engine, functions, control API and console in this JVM) on a random port over a temporary MLOPS_HOME, as
 * {@link UpCommandTest} starts it. A data scientist starts a training through the control API; once it is parked on
 * RequestApproval an approver signs in to the console in headless chromium, approves the pending version on the
 * Approvals page with a comment, and sees the execution go on past the approval on the Executions page. Asserts on the
 * DOM only; screenshots go to {@code target/screenshots/up-*.png}. Skipped, with the reason, where chromium or
 * chromedriver is not installed (as {@code ConsoleBrowserIT} in functions/control); .ci/run installs both.
 */
class UpConsoleBrowserIT {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("mlops.chromedriver", "/usr/bin/chromedriver"));
    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
    private static final Path WORKFLOWS = Path.of("..", "workflows").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** States the training pipeline enters after RequestApproval once a version is approved. */
    private static final Set<String> AFTER_APPROVAL = Set.of("InitCanary", "DeployCanary", "Bake", "AnalyzeCanary", "CanaryDecision",
            "Promote", "PromotedOutcome", "NotifyPromoted", "Promoted", "Rollback", "RolledBackOutcome", "NotifyRolledBack", "RolledBack");
    private static final String COMMENT = "AUC and calibration fine on the holdout; first version, no champion";

    /** Selenium warns that it has no CDP module for this Chromium; the test uses WebDriver only. Held: loggers are weak. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path home;

    private ChromeDriver driver;
    private Thread traffic;
    private volatile boolean running = true;
    private WebDriverWait wait;
    private URI base;

    @Test
    void approveInTheConsole_theRealExecutionGoesOnPastTheApproval() throws Exception {
        Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null && Files.isExecutable(CHROMEDRIVER), () -> "browser test skipped: "
                + (chromium == null ? "no chromium in " + CHROMIUM : "no chromedriver at " + CHROMEDRIVER)
                + " (apt-get install chromium chromium-driver; .ci/run does)");

        LocalEnvironment env = LocalEnvironment.from(Map.of("MLOPS_HOME", home.toString(), "MLOPS_MODELS", MODELS.toString()), Clock.systemUTC());
        env.store().put(ModelVersions.configKey("credit-risk"), Files.readAllBytes(MODELS.resolve("credit-risk/model.json")));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(11, DriftKnobs.none()).writeCsv(5000, csv);
        env.store().put("datasets/credit-risk/browser-test.csv", csv.toByteArray());

        try (LocalRuntime runtime = LocalRuntime.start(env, new LocalRuntime.Options(WORKFLOWS, 0, "test"), line -> { })) {
            base = runtime.url();
            LocalTokens tokens = runtime.tokens().tokens();
            String scientist = tokens.tokenFor(Role.DATA_SCIENTIST).orElseThrow();
            String approver = tokens.tokenFor(Role.APPROVER).orElseThrow();
            String approverName = tokens.entries().stream().filter(e -> e.token().equals(approver)).findFirst().orElseThrow().name();

            // A data scientist starts the training through the control API; the browser starts meanwhile.
            HttpResponse<String> started = send("POST", "/v1/models/credit-risk/trainings", scientist,
                    Map.of("dataset", "datasets/credit-risk/browser-test.csv", "seed", 42, "policyProfile", "demo"));
            assertEquals(202, started.statusCode(), started.body());
            String arn = JSON.readTree(started.body()).path("executionArn").asText();
            startBrowser(chromium);
            awaitPendingApproval(approver);
            traffic = new Thread(() -> predictWhile(tokens.tokenFor(Role.CLIENT).orElseThrow()), "up-console-traffic");

            // The approver signs in with the token box (kept in sessionStorage) and finds the pending version.
            signIn(approver, approverName);
            open("#/approvals");
            assertEquals("Pending approvals", text("main h2"));
            assertEquals(1, count("tr[data-approval='credit-risk.v1']"), text("main"));
            screenshot("up-approvals");
            one("tr[data-approval='credit-risk.v1'] a.approval-link").click();
            waitReady();
            assertTrue(text("main h2").contains("credit-risk v1"), text("main h2"));
            assertEquals("PENDING", one(".approval").getAttribute("data-state"));
            assertTrue(count("tr[data-metric=auc]") == 1, "the holdout AUC is part of the evidence");
            wait.until(d -> "RUNNING".equals(d.findElement(By.id("execution-status")).getAttribute("data-status")));
            screenshot("up-approval");

            // Approve with a comment: the page shows the decision, the registry's new status and the execution.
            one("#decision-comment").sendKeys(COMMENT);
            one("#approve").click();
            traffic.start(); // the first release's canary judges its own traffic, as UpCommandTest's client does
            WebElement success = wait.until(d -> d.findElement(By.cssSelector("#decision-result .success")));
            assertTrue(success.getText().contains("Approved by " + approverName), success.getText());
            assertTrue(success.getText().contains("The workflow was resumed."), success.getText());
            // APPROVED, or already CANARY: the engine goes on as soon as the callback arrives.
            wait.until(d -> d.findElement(By.cssSelector("#version-status .badge")).getText().trim().matches("APPROVED|CANARY|CHAMPION"));
            screenshot("up-approval-approved");

            // The Executions page lists the run; its detail shows the states after the approval wait.
            open("#/executions?stateMachine=training-pipeline");
            String name = arn.substring(arn.lastIndexOf(':') + 1);
            assertEquals(1, count("tr[data-execution='" + name + "']"), text("main"));
            screenshot("up-executions");

            String detail = "#/executions/" + URLEncoder.encode(arn, StandardCharsets.UTF_8);
            WebDriverWait longWait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(500));
            longWait.withMessage(() -> "the timeline never showed a state after RequestApproval: " + timelineStates())
                    .until(d -> {
                        open(detail); // the page does not poll: read it again
                        return timelineStates().stream().anyMatch(AFTER_APPROVAL::contains);
                    });
            assertEquals(1, count("svg[data-chart=timeline] rect.step-ok[data-state=RequestApproval]"),
                    "the approval wait is over: " + timelineStates());
            assertEquals(0, count("svg[data-chart=timeline] rect.step-failed"), "no state failed: " + timelineStates());
            WebElement requestApproval = one("details.state[data-state=RequestApproval]");
            requestApproval.findElement(By.tagName("summary")).click();
            assertTrue(requestApproval.getText().contains(COMMENT), "the approval's output carries the comment: " + requestApproval.getText());
            assertTrue(count("details.state[data-state=DeployCanary]") == 1, "the canary is deployed: " + timelineStates());
            screenshot("up-execution-after-approval");


            // With the client's traffic the canary is judged healthy: the run ends promoted, and the page says so.
            longWait.withMessage(() -> "the execution did not end promoted: " + timelineStates())
                    .until(d -> {
                        open(detail);
                        return !"RUNNING".equals(one(".execution").getAttribute("data-status"));
                    });
            assertEquals("SUCCEEDED", one(".execution").getAttribute("data-status"), timelineStates().toString());
            assertEquals(1, count("svg[data-chart=timeline] rect.step-ok[data-state=Promoted]"), "promoted: " + timelineStates());
            screenshot("up-execution-promoted");
            assertEquals(ModelStatus.CHAMPION, env.registry().requireVersion("credit-risk", "v1").status());
            assertNoScriptErrors();
        } finally {
            running = false;
            if (traffic != null && traffic.isAlive()) {
                traffic.join();
            }
            if (driver != null) {
                driver.quit();
            }
        }
    }

    /** A prediction client asking every 20 ms while the test runs. */
    private void predictWhile(String token) {
        CreditRiskGenerator applicants = new CreditRiskGenerator(12, DriftKnobs.none());
        while (running) {
            List<Map<String, Object>> instances = new java.util.ArrayList<>();
            applicants.next(4).forEach(a -> instances.add(a.features()));
            try {
                send("POST", "/v1/models/credit-risk/predict", token, Map.of("instances", instances));
                Thread.sleep(20);
            } catch (Exception e) {
                return;
            }
        }
    }

    // --- the browser --------------------------------------------------------------------------------------------

    private void startBrowser(Path chromium) throws IOException {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--disable-extensions", "--no-first-run", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    private void signIn(String token, String identity) {
        driver.get(base.resolve("/console/").toString());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        waitReady();
        one("#token").sendKeys(token);
        one("#signin button[type=submit]").click();
        wait.until(d -> d.findElement(By.id("whoami")).getText().startsWith(identity));
        waitReady();
    }

    /** Navigates to a hash route and waits until the page has rendered its data. */
    private void open(String hash) {
        // The same hash again fires no hashchange: the page is then rendered again through a synthetic one.
        ((JavascriptExecutor) driver).executeScript(
                "document.getElementById('view').dataset.ready = 'false';"
                        + " if (location.hash === arguments[0]) { window.dispatchEvent(new HashChangeEvent('hashchange')); }"
                        + " else { location.hash = arguments[0]; }", hash);
        waitReady();
    }

    private void waitReady() {
        wait.until(d -> "true".equals(d.findElement(By.id("view")).getAttribute("data-ready")));
    }

    private List<String> timelineStates() {
        return driver.findElements(By.cssSelector("svg[data-chart=timeline] rect.step")).stream()
                .map(e -> e.getAttribute("data-state")).toList();
    }

    private void assertNoScriptErrors() {
        // Refused calls log "Failed to load resource"; anything else severe is a script error.
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
        assertTrue(errors.isEmpty(), "browser errors " + errors);
    }

    private WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    private int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    private String text(String css) {
        return one(css).getText().trim();
    }

    /** The whole page, not just the window: the window grows to the document's height first. */
    private void screenshot(String name) throws IOException {
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        WebDriver.Window window = driver.manage().window();
        window.setSize(new Dimension(1280, Math.min(6000, Math.max(800, height.intValue() + 20))));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            window.setSize(new Dimension(1280, 1000));
        }
    }

    // --- the control API ----------------------------------------------------------------------------------------

    /** Bounded: the training (5,000 rows), registration and evaluation take a few seconds on two cores. */
    private void awaitPendingApproval(String approver) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode pending = JSON.readTree(send("GET", "/v1/approvals", approver, null).body()).path("approvals");
            if (!pending.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no approval was requested within 60 s");
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
