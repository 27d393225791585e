package com.callintel.hub.operations;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and ops/local-cluster.sh run the same production shape (issue 21): PostgreSQL behind PgBouncer
 * in transaction mode, three hub nodes with the same settings on the pooled and the direct URL, HAProxy checking
 * each node's health. Both files are read, not run (no Docker engine here); a change to one fails here until the
 * other follows.
 */
class ComposeShapeTest {

    /** Settings only the compose file passes, and why the script does without them. */
    private static final Set<String> COMPOSE_ONLY = Set.of(
            "JAVA_TOOL_OPTIONS",             // the script passes the same JVM options on the command line
            "CALLINTEL_MANAGEMENT_ADDRESS",  // compose: Prometheus scrapes over the compose network; the script stays on loopback
            "CALLINTEL_OIDC_CLIENT_ID", "CALLINTEL_OIDC_CLIENT_SECRET",  // optional browser sign-in
            "CALLINTEL_AI_BASE_URL", "CALLINTEL_LOG_FORMAT");            // optional, defaults suit the script
    /** Settings only the script passes: its nodes share one host, so each needs its own management port. */
    private static final Set<String> SCRIPT_ONLY = Set.of("CALLINTEL_MANAGEMENT_PORT");

    private final Map<String, Object> compose = yaml("docker-compose.yml");
    private final String script = read("ops/local-cluster.sh");

    @Test
    void bothRunPostgresPgBouncerThreeNodesAndHaproxy() {
        assertThat(hubServices()).hasSize(Integer.parseInt(scriptDefault("NODES")));
        assertThat(image("postgres")).startsWith("postgres:");
        assertThat(image("pgbouncer")).contains("pgbouncer");
        assertThat(image("balancer")).startsWith("haproxy:");
        assertThat(script).contains("$PG_BIN/pg_ctl", "/usr/sbin/pgbouncer -d", "haproxy -D", "-jar \"$JAR\" --spring.profiles.active=prod");
        assertThat(String.valueOf(service("hub-a").get("command"))).contains("--spring.profiles.active=prod");
    }

    @Test
    void everyNodeGetsTheSameSettingsInBoth() {
        Set<String> scriptNames = new TreeSet<>();
        Matcher setting = Pattern.compile("\\b(CALLINTEL_[A-Z0-9_]+)=").matcher(function("start_node"));
        while (setting.find()) {
            scriptNames.add(setting.group(1));
        }
        for (String hub : hubServices()) {
            Set<String> composeNames = new TreeSet<>(environment(hub).keySet());
            composeNames.removeAll(COMPOSE_ONLY);
            composeNames.removeIf(name -> !name.startsWith("CALLINTEL_"));
            Set<String> expected = new TreeSet<>(scriptNames);
            expected.removeAll(SCRIPT_ONLY);
            assertThat(composeNames).as(hub + " and the script's nodes").isEqualTo(expected);
        }
    }

    @Test
    void theNodesRunTheSameJvm() {
        List<String> options = List.of(String.valueOf(environment("hub-a").get("JAVA_TOOL_OPTIONS")).split(" "));
        String nodeLine = function("start_node");
        for (String option : options) {
            if (option.startsWith("-Xmx")) {
                assertThat(scriptDefault("NODE_HEAP")).isEqualTo(option.substring(4));
            } else {
                assertThat(nodeLine).as("the script's node JVM").contains(option);
            }
        }
    }

    @Test
    void ordinaryWorkGoesThroughPgBouncerAndSessionsStraightToPostgres() {
        Map<String, Object> hub = environment("hub-a");
        Map<String, Object> pooler = environment("pgbouncer");
        assertThat(hub.get("CALLINTEL_DB_URL"))
                .isEqualTo("jdbc:postgresql://pgbouncer:" + pooler.get("LISTEN_PORT") + "/" + pooler.get("DB_NAME"));
        assertThat(hub.get("CALLINTEL_DB_DIRECT_URL"))
                .isEqualTo("jdbc:postgresql://" + pooler.get("DB_HOST") + ":" + pooler.get("DB_PORT") + "/" + pooler.get("DB_NAME"));
        assertThat(function("start_node"))
                .contains("CALLINTEL_DB_URL=\"jdbc:postgresql://127.0.0.1:$POOLER_PORT/$DB\"")
                .contains("CALLINTEL_DB_DIRECT_URL=\"jdbc:postgresql://127.0.0.1:$PG_PORT/$DB\"");
    }

    @Test
    void pgBouncerIsSetUpAlike() {
        Map<String, String> ini = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^([a-z_]+) = (.*)$").matcher(function("start_pooler"));
        while (line.find()) {
            ini.put(line.group(1), line.group(2).trim());
        }
        Map<String, Object> pooler = environment("pgbouncer");
        for (String key : List.of("pool_mode", "default_pool_size", "max_client_conn", "ignore_startup_parameters", "auth_type")) {
            assertThat(String.valueOf(pooler.get(key.toUpperCase()))).as(key).isEqualTo(ini.get(key));
        }
        assertThat(ini.get("pool_mode")).isEqualTo("transaction");
    }

    @Test
    void theBalancerChecksEveryNodesHealthAlike() {
        String composeBalancer = read("ops/haproxy/compose-haproxy.cfg");
        String scriptBalancer = function("start_balancer");
        for (String directive : List.of("balance roundrobin", "option httpchk GET /actuator/health", "option redispatch",
                "retries 2", "timeout connect 2s", "timeout client 30s", "timeout server 30s")) {
            assertThat(composeBalancer).contains(directive);
            assertThat(scriptBalancer).contains(directive);
        }
        assertThat(scriptBalancer).contains("check port $(node_management_port \"$n\") inter 1s fall 2 rise 2");
        for (String hub : hubServices()) {
            assertThat(composeBalancer).contains("server " + hub + " " + hub + ":8080 check port 9090 inter 1s fall 2 rise 2");
        }
        assertThat(list(service("balancer").get("volumes")))
                .contains("./ops/haproxy/compose-haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    }

    private List<String> hubServices() {
        return map(compose.get("services")).entrySet().stream()
                .filter(service -> String.valueOf(map(service.getValue()).get("command")).contains("/app/hub.jar"))
                .map(Map.Entry::getKey).toList();
    }

    private Map<String, Object> service(String name) {
        return map(map(compose.get("services")).get(name));
    }

    private String image(String name) {
        return String.valueOf(service(name).get("image"));
    }

    private Map<String, Object> environment(String name) {
        return map(service(name).get("environment"));
    }

    /** The body of one shell function of the script, up to the closing brace in column one. */
    private String function(String name) {
        Matcher body = Pattern.compile("(?ms)^" + name + "\\(\\) \\{\\n(.*?)^\\}").matcher(script);
        assertThat(body.find()).as("function " + name + " in ops/local-cluster.sh").isTrue();
        return body.group(1);
    }

    private String scriptDefault(String variable) {
        Matcher value = Pattern.compile("(?m)^" + variable + "=\\$\\{[A-Z_]+:-([^}]+)}").matcher(script);
        assertThat(value.find()).as(variable + " in ops/local-cluster.sh").isTrue();
        return value.group(1);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> yaml(String file) {
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            return new Yaml().load(reader);
        } catch (IOException e) {
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
