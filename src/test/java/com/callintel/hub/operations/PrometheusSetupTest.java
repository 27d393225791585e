package com.callintel.hub.operations;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker-compose shape's Prometheus (no Docker engine here, so the files are read, not run): it scrapes every
 * hub node at the management port the node listens on, reachable on the compose network, with the credential the
 * hub checks, and loads the four alert rules. That the rules read meters the hub exposes is MetricsScrapeTest's.
 */
class PrometheusSetupTest {

    private final Map<String, Object> compose = yaml("docker-compose.yml");
    private final Map<String, Object> prometheus = yaml("ops/prometheus/prometheus.yml");

    @Test
    void prometheusScrapesEveryHubNodeAtItsManagementPort() {
        Map<String, Object> services = map(compose.get("services"));
        List<String> hubs = services.entrySet().stream()
                .filter(service -> String.valueOf(map(service.getValue()).get("command")).contains("/app/hub.jar"))
                .map(Map.Entry::getKey).toList();
        assertThat(hubs).containsExactly("hub-a", "hub-b", "hub-c");

        Map<String, Object> job = onlyScrapeJob();
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<Object> targets = list(map(list(job.get("static_configs")).get(0)).get("targets"));
        for (String hub : hubs) {
            StandardEnvironment node = hubSettings(map(map(services.get(hub)).get("environment")));
            assertThat(node.getProperty("management.server.address")).as(hub + " listens beyond its loopback").isEqualTo("0.0.0.0");
            assertThat(targets).contains(hub + ":" + node.getProperty("management.server.port"));
        }
        assertThat(targets).hasSameSizeAs(hubs);
    }

    @Test
    void prometheusScrapesWithTheCredentialTheHubChecks() {
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> hubEnvironment = map(map(services.get("hub-a")).get("environment"));
        Map<String, Object> auth = map(onlyScrapeJob().get("basic_auth"));

        assertThat(auth.get("username")).isEqualTo(hubSettings(hubEnvironment).getProperty("callintel.metrics.scrape-user"));
        String secret = Path.of(String.valueOf(auth.get("password_file"))).getFileName().toString();
        assertThat(auth.get("password_file")).isEqualTo("/run/secrets/" + secret);
        assertThat(list(map(services.get("prometheus")).get("secrets"))).contains(secret);
        String variable = String.valueOf(map(map(compose.get("secrets")).get(secret)).get("environment"));
        assertThat(hubEnvironment.get("CALLINTEL_METRICS_SCRAPE_PASSWORD")).as("the hubs check the secret's password")
                .isEqualTo("${" + variable + ":?set the Prometheus scrape password}");
    }

    @Test
    void prometheusLoadsTheFourAlertRules() {
        Map<String, Object> service = map(map(compose.get("services")).get("prometheus"));
        assertThat(String.valueOf(service.get("image"))).startsWith("prom/prometheus");
        assertThat(list(service.get("volumes"))).contains(
                "./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(list(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");

        List<Object> rules = list(map(list(yaml("ops/prometheus/alerts.yml").get("groups")).get(0)).get("rules"));
        assertThat(rules).extracting(rule -> map(rule).get("alert")).containsExactly(
                "CallIntelBacklogGrowing", "CallIntelPurgeNotRun", "CallIntelAmsBreakerOpen", "CallIntelIntake5xx");
        assertThat(rules).allSatisfy(rule -> assertThat(map(rule)).containsKeys("expr", "for", "labels", "annotations"));
    }

    private Map<String, Object> onlyScrapeJob() {
        List<Object> jobs = list(prometheus.get("scrape_configs"));
        assertThat(jobs).hasSize(1);
        return map(jobs.get(0));
    }

    /** config/application.yaml as a node reads it with the compose file's environment variables. */
    private static StandardEnvironment hubSettings(Map<String, Object> variables) {
        try {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
            environment.getPropertySources().addFirst(new MapPropertySource("compose", new LinkedHashMap<>(variables)));
            new YamlPropertySourceLoader().load("hub", new FileSystemResource("config/application.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
            return environment;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> yaml(String file) {
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            return new Yaml().load(reader);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
