package dev.mlops.control.api;

import dev.mlops.Json;
import dev.mlops.control.api.ConsoleSeed.Who;
import dev.mlops.registry.ModelStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser: Debian's chromium, headless, through the system chromedriver, against the
 * control API on a random port with a seeded filesystem store ({@link ConsoleSeed}) and a canned engine. Asserts on
 * the DOM, never on pixels; saves a screenshot of every page under {@code target/screenshots/}. Skipped (with the
 * reason) where chromium or chromedriver is not installed; .ci/run installs both.
 */
class ConsoleBrowserIT {

    private static final Path CHROMEDRIVER = Path.of(System.getProperty("mlops.chromedriver", "/usr/bin/chromedriver"));
    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Selenium warns that it has no CDP module for this Chromium; the tests use WebDriver only. Held: loggers are weak. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    static Path home;

    static ConsoleSeed seed;
    static ApplicationContext context;
    static EmbeddedServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String missing;

    @BeforeAll
    static void start() throws IOException {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (chromium == null || !Files.isExecutable(CHROMEDRIVER)) {
            // Each test then reports itself skipped with this reason (an assumption here would hide them all).
            missing = "browser test skipped: " + (chromium == null ? "no chromium in " + CHROMIUM : "no chromedriver at " + CHROMEDRIVER)
                    + " (apt-get install chromium chromium-driver; .ci/run does)";
            return;
        }
        seed = ConsoleSeed.create(home);
        Map<String, Object> properties = new HashMap<>();
        properties.put("mlops.control.home", home.toString());
        properties.put("micronaut.server.port", -1);
        context = ApplicationContext.builder().properties(properties).singletons(seed.engine).start();
        server = context.getBean(EmbeddedServer.class).start();

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
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void browserPresent() {
        assumeTrue(missing == null, missing);
    }

    @AfterEach
    void noScriptErrors(TestInfo test) {
        if (driver == null) {
            return;
        }
        // Refused calls (401, 403) log "Failed to load resource"; anything else severe is a script error.
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
        assertTrue(errors.isEmpty(), test.getDisplayName() + ": browser errors " + errors);
    }

    // --- tests --------------------------------------------------------------------------------------------------

    @Test
    void signIn_showsWhoIsSignedIn_andTheExecutions() {
        signIn(Who.ANALYST);
        assertEquals("ann (analyst)", text("#whoami"));
        open("#/executions");
        assertEquals("Executions", text("main h2"));
        String table = text("main table.data");
        assertTrue(table.contains("train-credit-risk-v3") && table.contains("train-credit-risk-broken"), table);
        assertTrue(table.contains("RUNNING") && table.contains("FAILED"), table);
        screenshot("executions");

        open("#/executions?stateMachine=drift-check");
        assertTrue(text("main table.data").contains("drift-credit-risk-1"));
    }

    @Test
    void executionDetail_showsTheTimeline_stateInputOutput_andTheFailureWithCause() {
        signIn(Who.ANALYST);
        open("#/executions/" + encode(ConsoleSeed.executionArn("v3")));
        assertTrue(text("main h2").contains("RUNNING"));
        assertEquals(5, count("svg[data-chart=timeline] rect.step"), "Train, Register, Evaluate, Gate, RequestApproval");
        assertEquals(1, count("svg[data-chart=timeline] rect.step-running[data-state=RequestApproval]"));
        WebElement evaluate = one("details.state[data-state=Evaluate]");
        evaluate.findElement(By.tagName("summary")).click();
        assertTrue(evaluate.getText().contains("evidence/credit-risk/v3/evaluation.json"), evaluate.getText());
        screenshot("execution-running");

        open("#/executions/" + encode("arn:aws:states:local:000000000000:execution:training-pipeline:train-credit-risk-broken"));
        String problem = text("main .problem");
        assertTrue(problem.contains("TrainingJobFailed") && problem.contains("has no column 'income'"), problem);
        assertEquals(1, count("svg[data-chart=timeline] rect.step-failed[data-state=Train]"));
        screenshot("execution-failed");
    }

    @Test
    void models_showVersionsDeploymentSplitAndAudit_andAModelCard() {
        signIn(Who.OPERATOR);
        open("#/models");
        String list = text("main table.data");
        assertTrue(list.contains("credit-risk") && list.contains("churn"), list);
        screenshot("models");

        open("#/models/credit-risk");
        assertEquals("v1", text("main table.facts tr:nth-child(1) td"));
        String split = one("svg[data-chart=split]").getAttribute("aria-label") + " " + one("svg[data-chart=split] desc").getAttribute("textContent");
        assertTrue(split.contains("v1 90%") && split.contains("v2 10%"), split);
        assertEquals("PENDING_APPROVAL", text("tr[data-version=v4] .badge"));
        assertEquals("CANARY", text("tr[data-version=v2] .badge"));
        assertTrue(count("tr[data-action=DEPLOYMENT]") >= 1, "the canary's deployment change is in the audit trail");
        screenshot("model");

        open("#/models/credit-risk/versions/v1");
        assertTrue(text("main h2").startsWith("Model card: credit-risk v1"));
        assertTrue(text("main").contains("0.7810"), "holdout AUC");
        assertTrue(text("main").contains("file:datasets/credit-risk/train-v1.csv"), "lineage");
        assertEquals(10, count("main tr[data-feature]"), "one row per input feature of model.json");
        assertEquals(11, count("main svg[data-chart=histogram]"), "a baseline histogram per feature and the score");
        screenshot("model-card");
    }

    @Test
    void drift_showsPsiAndKsPerWindow_verdicts_andBaselineVsLiveHistograms() {
        signIn(Who.ANALYST);
        open("#/drift/credit-risk");
        assertEquals(3, count("main tr[data-report]"));
        assertEquals("DRIFT", text("main tr[data-report].selected .badge"));
        assertEquals(2, count("main svg[data-chart=line]"), "PSI and KS over the windows");
        assertTrue(one("svg[data-chart=line] .threshold-label").getText().contains("0.2"));
        assertTrue(count("main tr[data-variable=income].row-failed") == 1, "income is beyond its thresholds");
        assertTrue(count("figure[data-variable=income] rect.bar[data-series=live]") > 0, "the newest report carries live counts");
        assertTrue(count("figure[data-variable=income] rect.bar[data-series=baseline]") > 0);
        screenshot("drift");

        // An older window without live counts still shows its baseline and says so.
        driver.findElements(By.cssSelector("main a.report-link")).get(2).click();
        waitReady();
        assertEquals("OK", text("main tr[data-report].selected .badge"));
        assertTrue(text("main").contains("no live bin counts"));

        open("#/drift/churn");
        assertTrue(text("main .empty").contains("No drift check has run for churn yet"));
    }

    @Test
    void kpis_showPerVersionAndDay_orExplainWhyNot() {
        signIn(Who.ANALYST);
        open("#/kpis/credit-risk");
        assertEquals(10, count("main tr[data-version]"), "7 days of v1, 3 of v2");
        assertEquals(2, count("main tr[data-total]"), "the totals per version");
        assertEquals("0.7740", text("tr[data-total=v1] td:nth-child(2)"), "AUC of v1 over the period");
        assertTrue(count("main svg[data-chart=line]") >= 3);
        assertEquals(2, count("figure.chart-figure[data-title=AUC] path.series"), "a line per version");
        screenshot("kpis");

        open("#/kpis/churn");
        assertTrue(text("main .empty").contains("No KPI report for churn yet"));
        assertTrue(text("main .empty").contains("/v1/feedback"));
    }

    @Test
    void approvals_forARoleWithoutIt_showTheProblemTitle() {
        signIn(Who.ANALYST);
        open("#/approvals");
        assertEquals("Forbidden", text("main .problem-title"));
        assertTrue(text("main .problem-detail").contains("ann (roles [analyst]) may not read approvals"));
        screenshot("approvals-forbidden");
    }

    @Test
    void aPredictionClient_getsTheProblemTitleOnEveryPage() {
        signIn(Who.CLIENT);
        for (String page : List.of("#/executions", "#/approvals", "#/models", "#/drift", "#/kpis")) {
            open(page);
            assertEquals("Forbidden", text("main .problem-title"), page);
            assertTrue(text("main .problem-hint").contains("Your roles do not include this page"), page);
        }
    }

    @Test
    void selfApproval_isRefusedVisibly_andNothingChanges() {
        signIn(Who.DS);
        open("#/approvals");
        assertTrue(count("tr[data-approval='credit-risk.v4']") == 1);
        open("#/approvals/credit-risk.v4");
        decide("approve", "my own model looks fine");

        WebElement problem = wait.until(d -> d.findElement(By.cssSelector("#decision-result .problem")));
        assertEquals("self-approval", problem.getAttribute("data-problem"));
        assertTrue(problem.getText().startsWith("Separation of duties: the initiator of a training may not decide on its approval"),
                problem.getText());
        assertFalse(one("#approve").getAttribute("disabled") != null, "the form stays usable for a retry by someone else");
        assertEquals(ModelStatus.PENDING_APPROVAL, seed.registry.requireVersion(ConsoleSeed.MODEL, ConsoleSeed.SELF_VERSION).status());
        assertTrue(seed.engine.callbacks(ConsoleSeed.taskToken(ConsoleSeed.SELF_VERSION)).isEmpty());
        screenshot("approval-self-refused");
    }

    @Test
    void approveThroughThePage_sendsTheCallback_movesTheVersion_andShowsTheExecutionGoingOn() {
        signIn(Who.APPROVER);
        open("#/approvals");
        assertEquals("Pending approvals", text("main h2"));
        screenshot("approvals");
        one("tr[data-approval='credit-risk.v3'] a.approval-link").click();
        waitReady();
        assertTrue(text("main h2").contains("credit-risk v3"));
        assertEquals("0.7920", text("tr[data-metric=auc] td:nth-child(2)"));
        assertEquals("0.7810", text("tr[data-metric=auc] td:nth-child(3)"));
        assertEquals(10, count("tr[data-feature]"), "training-data PSI per feature");
        assertTrue(text("main").contains("file:datasets/credit-risk/train-v3.csv"), "lineage");
        wait.until(d -> d.findElement(By.cssSelector("#execution-status")).getAttribute("data-status").equals("RUNNING"));
        screenshot("approval");

        decide("approve", "AUC +0.011 over v1, training-data PSI small");

        WebElement success = wait.until(d -> d.findElement(By.cssSelector("#decision-result .success")));
        assertTrue(success.getText().contains("Approved by bob"), success.getText());
        wait.until(d -> d.findElement(By.id("version-status")).getText().contains("APPROVED"));
        wait.until(d -> d.findElement(By.id("execution-after")).getText().contains("DeployCanary"));
        assertEquals(ModelStatus.APPROVED, seed.registry.requireVersion(ConsoleSeed.MODEL, ConsoleSeed.APPROVE_VERSION).status());
        List<ConsoleExecutions.Callback> callbacks = seed.engine.callbacks(ConsoleSeed.taskToken(ConsoleSeed.APPROVE_VERSION));
        assertEquals(1, callbacks.size(), callbacks.toString());
        assertEquals(Map.of("decision", "APPROVED", "approver", "bob", "comment", "AUC +0.011 over v1, training-data PSI small"),
                Json.mapper().convertValue(Json.tree(callbacks.get(0).output().getBytes(StandardCharsets.UTF_8), "output"), Map.class));
        screenshot("approval-approved");
    }

    @Test
    void signedOut_thePagesAskForAToken() {
        driver.get(server.getURL() + "/console/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        waitReady();
        assertEquals("Sign in", text("main h2"));
        assertTrue(one("label[for=token]").isDisplayed());
        screenshot("sign-in");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private void signIn(Who who) {
        driver.get(server.getURL() + "/console/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        waitReady();
        WebElement token = one("#token");
        token.sendKeys(who.token());
        one("#signin button[type=submit]").click();
        wait.until(d -> d.findElement(By.id("whoami")).getText().startsWith(who.identity));
        waitReady();
    }

    /** Navigates to a hash route and waits until the page has rendered its data. */
    private void open(String hash) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('view').dataset.ready = 'false'; location.hash = arguments[0];", hash);
        waitReady();
    }

    private void waitReady() {
        wait.until(d -> "true".equals(d.findElement(By.id("view")).getAttribute("data-ready")));
    }

    private void decide(String button, String comment) {
        one("#decision-comment").sendKeys(comment);
        one("#" + button).click();
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

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The whole page, not just the window: the window grows to the document's height first. */
    private void screenshot(String name) {
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, Math.min(6000, Math.max(800, height.intValue() + 20))));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }
}
