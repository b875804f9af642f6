package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real headless browser (Debian's chromium, driven through its chromedriver with Selenium) on a live
 * SQLite run: the sign-in form takes the token once, each table's row shows its progress reaching 100% with the rows
 * PostgreSQL holds, and the readiness checklist turns green after the page's finalize button. A screenshot is written
 * to {@code target/dashboard.png}. The endpoints refuse requests without the token (401), and no log line carries it.
 * Skipped, with the reason, where chromium or chromedriver is not installed.
 */
@ExtendWith(PipelineServices.class)
class DashboardIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String[] TABLES = {"customer", "purchase", "line"};

    @TempDir
    Path dir;

    @Test
    void shouldShowTheRunInTheBrowserUntilReady(PipelineServices.Services services) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install chromium "
                        + "chromium-driver; .ci/run installs them)");
        ListAppender<ILoggingEvent> logs = captureLogs();
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 6_000);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, services.kafka(),
                new WorkDir(work), false, 2, 1, 1, 256, 64 << 20);
        MigrationRun run = new MigrationRun(options, System.out);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> running = thread.submit(run::execute);
        WebDriver browser = browser();
        String token;
        try {
            RunInfo info = LiveMigrationSupport.awaitServer(work, running);
            token = info.token();
            assertRefusedWithoutToken(info);
            signIn(browser, info, token);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(200));
            for (String table : TABLES) {
                wait.until(b -> !b.findElements(By.cssSelector("tr[data-table='" + table + "'] .percent")).isEmpty());
            }
            wait.until(b -> allTablesAt100(b));
            JsonNode status = LiveMigrationSupport.awaitCaughtUp(work, 120);
            for (JsonNode table : status.get("tables")) {
                String rows = String.format(Locale.US, "%,d / %,d", table.get("rows").asLong(),
                        table.get("total").asLong());
                wait.until(b -> cell(b, table.get("name").asText(), "rows").equals(rows));
                assertThat(table.get("rows").asLong()).isEqualTo(LiveMigrationSupport.count(target,
                        table.get("name").asText()));
            }
            assertThat(check(browser, "ready")).isEqualTo("pending");

            browser.findElement(By.id("finalize")).click();
            wait.until(b -> b.findElement(By.id("finalize-output")).getText().contains("READY:"));
            for (String check : new String[] {"lag", "constraints", "sequences", "validation", "ready"}) {
                wait.until(b -> check(b, check).equals("ok"));
            }
            screenshot(browser, Path.of("target", "dashboard.png"));
        } finally {
            browser.quit();
            run.requestStop();
            running.get(120, TimeUnit.SECONDS);
            thread.shutdown();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
            ((Logger) LoggerFactory.getLogger("dev.cutover")).detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty().noneMatch(event -> event.getFormattedMessage().contains(token)
                || (event.getThrowableProxy() != null && String.valueOf(event.getThrowableProxy().getMessage())
                .contains(token)));
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1500");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver browser, RunInfo info, String token) {
        browser.get("http://127.0.0.1:" + info.port() + "/");
        browser.findElement(By.id("token")).sendKeys("wrong");
        browser.findElement(By.id("sign-in")).click();
        assertThat(browser.findElements(By.id("token"))).as("a wrong token shows the form again").isNotEmpty();
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> !b.findElements(By.id("tables")).isEmpty());
    }

    private static void assertRefusedWithoutToken(RunInfo info) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/status", "/metrics", "/errors", "/readiness", "/", "/assets/dashboard.js")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + info.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> stop = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port()
                + "/stop")).POST(HttpRequest.BodyPublishers.noBody()).header("Cookie", HttpAccess.COOKIE + "=x")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).isEqualTo(401);
    }

    private static boolean allTablesAt100(WebDriver browser) {
        for (String table : TABLES) {
            if (!cell(browser, table, "percent").equals("100%")) {
                return false;
            }
        }
        return true;
    }

    private static String cell(WebDriver browser, String table, String column) {
        return browser.findElement(By.cssSelector("tr[data-table='" + table + "'] ." + column)).getText();
    }

    private static String check(WebDriver browser, String check) {
        WebElement item = browser.findElement(By.cssSelector("#readiness li[data-check='" + check + "']"));
        return String.valueOf(item.getDomAttribute("data-state"));
    }

    private static void screenshot(WebDriver browser, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        ((Logger) LoggerFactory.getLogger("dev.cutover")).addAppender(appender);
        return appender;
    }
}
