package io.meridian.director.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meridian.director.demo.Demo;
import io.meridian.director.demo.SimulatedGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status page in a real browser (headless Chromium) against the demo: a real director in
 * front of simulated gateways the test makes fail. One director and one browser for the class;
 * the tests run in order and each leaves the demo as it found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageIT {
    /** Where the README's screenshot is written; docs/status-page.png is a copy of it. */
    static final Path SCREENSHOT = Path.of("target/status-page.png");

    @TempDir
    static Path dir;
    private static final Vertx vertx = Vertx.vertx();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Demo demo;
    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        String missing = Chromium.missing();
        assumeTrue(missing == null, missing);
        Path geoip = Demo.findTestDatabase(Path.of(""));
        demo = DirectorHarness.await(Demo.start(vertx, dir, "127.0.0.1:0", "127.0.0.1:0", geoip, false));
        base = "http://127.0.0.1:" + demo.director().httpPort();
        await().atMost(Duration.ofSeconds(15)).until(() -> demo.director().port().snapshot().ready());
        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        chromium = Chromium.start(profile, 1280, 900);
        browser = chromium.driver();
        browser.get(base + "/");
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        DirectorHarness.await(vertx.close());
    }

    @Test
    @Order(1)
    void listsEveryProfileAndEndpointOfTheApiOnlineOnceProbed() throws Exception {
        Set<String> api = new TreeSet<>();
        JsonArray profiles = get("/api/v1/profiles").getJsonArray("profiles");
        for (int i = 0; i < profiles.size(); i++) {
            JsonObject p = profiles.getJsonObject(i);
            p.getJsonArray("endpoints").forEach(e -> api.add(p.getString("name") + "/" + ((JsonObject) e).getString("name")));
        }
        assertThat(api).hasSize(18);

        page().until(() -> attributes("tr[data-endpoint]", "data-endpoint").equals(api));
        page().until(() -> attributes("article[data-profile]", "data-profile").size() == profiles.size());
        page().until(() -> browser.findElements(By.cssSelector("tr[data-endpoint][data-status=online]")).size() == 18);
        page().until(() -> browser.findElements(By.cssSelector("#map-regions g[data-status=online]")).size() == 3);
        assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
        assertThat(browser.findElements(By.cssSelector("#map-land path.land"))).as("the land outline is drawn").hasSize(1);
    }

    @Test
    @Order(2)
    void theResolveBoxShowsTheSameAnswerAsTheApi() throws Exception {
        String name = "priority.demo.meridian.test";
        String client = "81.2.69.142";
        JsonObject api = get("/api/v1/resolve?name=" + name + "&type=A&client=" + client);

        browser.findElement(By.cssSelector("#resolve-name option[value='" + name + "']")).click();
        WebElement address = browser.findElement(By.id("resolve-client"));
        address.clear();
        address.sendKeys(client, Keys.ENTER);

        // the browser shows a record's tabs as spaces
        List<String> answer = api.getJsonArray("answer").stream().map(r -> ((String) r).replaceAll("\\s+", " ")).toList();
        assertThat(answer).isNotEmpty();
        page().until(() -> texts("#resolve-answer li").equals(answer));
        assertThat(browser.findElement(By.id("resolve-explanation")).getText()).startsWith("priority");
    }

    @Test
    @Order(3)
    void aWrongTokenShowsTheErrorAndChangesNothing() throws Exception {
        press("button[data-action=disable][data-profile=priority][data-name=westeurope]");
        WebElement token = browser.findElement(By.id("change-token"));
        token.clear();
        token.sendKeys("not-the-token");
        browser.findElement(By.id("change-reason")).sendKeys("wrong token");
        browser.findElement(By.id("change-submit")).click();

        page().until(() -> browser.findElement(By.id("change-error")).getText()
                .equals("401: missing or wrong bearer token"));
        assertThat(endpoint("priority", "westeurope").getString("status")).isEqualTo("online");
        assertThat(session()).as("a refused token is not kept").isNull();
        browser.findElement(By.id("change-cancel")).click();
    }

    @Test
    @Order(4)
    void theTokenAndDisableDisableTheEndpointAndEnableBringsItBack() throws Exception {
        try {
            disableAndEnableWeightedEastasia();
        } finally {
            patch("/api/v1/profiles/weighted/endpoints/eastasia", "{\"enabled\": true}");
        }
    }

    private void disableAndEnableWeightedEastasia() throws Exception {
        press("button[data-action=disable][data-profile=weighted][data-name=eastasia]");
        WebElement token = browser.findElement(By.id("change-token"));
        token.clear();
        token.sendKeys("demo-token");
        browser.findElement(By.id("change-reason")).sendKeys("browser test");
        browser.findElement(By.id("change-reason")).sendKeys(Keys.ENTER); // the keyboard submits the dialog

        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint("weighted", "eastasia").getString("status").equals("disabled"));
        assertThat(endpoint("weighted", "eastasia").getJsonObject("override").getString("reason")).isEqualTo("browser test");
        page().until(() -> !browser.findElements(By.cssSelector("tr[data-endpoint='weighted/eastasia'][data-status=disabled]")).isEmpty());
        assertThat(session()).isEqualTo("demo-token");
        assertThat((Object) browser.executeScript("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).doesNotContain("demo-token");

        press("button[data-action=enable][data-profile=weighted][data-name=eastasia]");
        assertThat(browser.findElement(By.id("change-token")).getAttribute("value")).as("the tab keeps the token").isEqualTo("demo-token");
        browser.findElement(By.id("change-submit")).click();
        await().atMost(Duration.ofSeconds(5)).until(() -> endpoint("weighted", "eastasia").getString("status").equals("online"));
    }

    @Test
    @Order(5)
    void theSafetyRulesRefusalIsShownPlainly() throws Exception {
        patch("/api/v1/profiles/multivalue/endpoints/westus2", "{\"enabled\": false}");
        patch("/api/v1/profiles/multivalue/endpoints/westeurope", "{\"enabled\": false}");
        try {
            page().until(() -> !browser.findElements(By.cssSelector("tr[data-endpoint='multivalue/westeurope'][data-status=disabled]")).isEmpty());
            press("button[data-action=disable][data-profile=multivalue][data-name=eastasia]");
            browser.findElement(By.id("change-submit")).click();

            page().until(() -> browser.findElement(By.id("change-error")).getText().startsWith("409: "));
            assertThat(browser.findElement(By.id("change-error")).getText())
                    .contains("Profiles left with no enabled endpoint: multivalue");
            assertThat(browser.findElement(By.id("change-force-label")).isDisplayed()).isTrue();
            assertThat(endpoint("multivalue", "eastasia").getString("status")).isEqualTo("online");
            browser.findElement(By.id("change-cancel")).click();
        } finally {
            patch("/api/v1/profiles/multivalue/endpoints/westus2", "{\"enabled\": true}");
            patch("/api/v1/profiles/multivalue/endpoints/westeurope", "{\"enabled\": true}");
        }
    }

    @Test
    @Order(6)
    void aFailingGatewayTurnsItsEndpointAndRegionDegradedOnThePageWithinTwoSecondsWithoutAReload() throws Exception {
        page().until(() -> browser.findElements(By.cssSelector("tr[data-endpoint][data-status=online]")).size() == 18);
        browser.executeScript("window.notReloaded = true");
        SimulatedGateway westus2 = demo.gateways().stream().filter(g -> g.region().equals("westus2")).findFirst().orElseThrow();
        westus2.mode(SimulatedGateway.Mode.FAILING);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> endpoint("priority", "westus2").getString("status").equals("degraded"));

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .until(() -> !browser.findElements(By.cssSelector("tr[data-endpoint='priority/westus2'][data-status=degraded]")).isEmpty()
                            && !browser.findElements(By.cssSelector("#map-regions g[data-region=westus2][data-status=degraded]")).isEmpty());
            assertThat((Object) browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
            page().until(() -> browser.findElement(By.cssSelector("#regions tr[data-region=westus2]")).getText().contains("degraded"));
            page().until(() -> browser.findElements(By.cssSelector("tr[data-endpoint][data-status=degraded]")).size() == 6);

            chromium.screenshot(SCREENSHOT, 1400);
            assertThat(Files.size(SCREENSHOT)).isPositive();
        } finally {
            westus2.recover();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(
                By.cssSelector("#map-regions g[data-region=westus2][data-status=online]")).isEmpty());
        assertThat((Object) browser.executeScript("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    @Order(7)
    void loadsNothingFromAnotherOriginAndBreaksNoRuleOfItsPolicy() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/app.js\">");

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntries().map(e => e.name).filter(n => n.includes(':'))");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
        assertThat(loaded).anySatisfy(url -> assertThat(url).endsWith("/ui/vendor/world-atlas/land-110m.json"))
                .anySatisfy(url -> assertThat(url).endsWith("/ui/app.js"))
                .noneSatisfy(url -> assertThat(url).contains("demo-token"));
        assertThat(chromium.severeLogs()).as("console errors (a CSP violation is one)").allSatisfy(line ->
                assertThat(line).as("only the refusals the tests asked for").containsAnyOf(" 401 ", " 409 "));
    }

    @Test
    @Order(8)
    void fitsAPhonesWidthAndTheKeyboardReachesTheActions() {
        var size = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            page().until(() -> ((Number) browser.executeScript("return window.innerWidth")).intValue() <= 400);
            page().until(() -> (Boolean) browser.executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"));
            assertThat(browser.findElement(By.cssSelector("#map-regions g[data-region=westeurope]")).isDisplayed()).isTrue();

            // Tab from the top of the page until an action button has the focus
            browser.findElement(By.tagName("body")).sendKeys(Keys.HOME);
            browser.executeScript("document.activeElement.blur()");
            page().until(() -> {
                browser.switchTo().activeElement().sendKeys(Keys.TAB);
                Object focused = browser.executeScript("return document.activeElement.dataset.action || ''");
                return !"".equals(focused);
            });
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    @Order(9)
    void aRegionsStateFollowsTheTableInRenderJs() {
        // rows of the table in regionState's comment: endpoints' statuses, region override -> state text
        String rows = """
                [[["online", "degraded"], true, "disabled"],
                 [["disabled", "disabled"], false, "disabled"],
                 [["degraded", "disabled", "degraded"], false, "degraded"],
                 [["degraded", "online", "online"], false, "partly degraded (1 of 3)"],
                 [["checking", "online"], false, "checking"],
                 [["online", "online"], false, "online"]]""";
        Object mismatches = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/ui/render.js').then(({ regionState }) => done(JSON.parse(arguments[0])
                  .map(([statuses, disabled, want]) => [regionState({
                    override: disabled ? { enabled: false } : null,
                    endpoints: statuses.map(status => ({ status })) }).text, want])
                  .filter(([got, want]) => got !== want)
                  .map(([got, want]) => `${want}: got ${got}`)));
                """, rows);
        assertThat((List<?>) mismatches).isEmpty();
    }

    private static ConditionFactory page() {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class);
    }

    /** Presses a button of the live page by keyboard (it is redrawn with every event: found again until it takes). */
    private static void press(String css) {
        page().until(() -> !browser.findElement(By.id("change-dialog")).isDisplayed());
        // stale (redrawn) or not interactable (the dialog closing): try again
        page().ignoreExceptionsInstanceOf(WebDriverException.class).until(() -> {
            browser.findElement(By.cssSelector(css)).sendKeys(Keys.ENTER);
            return browser.findElement(By.id("change-dialog")).isDisplayed();
        });
    }

    private static Set<String> attributes(String css, String attribute) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(attribute))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static String session() {
        return (String) browser.executeScript("return sessionStorage.getItem('meridian.apiToken')");
    }

    private static JsonObject endpoint(String profile, String name) throws Exception {
        JsonArray endpoints = get("/api/v1/profiles/" + profile).getJsonArray("endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            if (endpoints.getJsonObject(i).getString("name").equals(name)) {
                return endpoints.getJsonObject(i);
            }
        }
        throw new AssertionError("no endpoint " + profile + "/" + name);
    }

    private static JsonObject get(String path) throws Exception {
        String[] parts = path.split("\\?", 2);
        String query = parts.length == 1 ? "" : "?" + URLEncoder.encode(parts[1], StandardCharsets.UTF_8)
                .replace("%3D", "=").replace("%26", "&");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + parts[0] + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static void patch(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer demo-token").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PATCH %s: %s", path, response.body()).isEqualTo(200);
    }
}
