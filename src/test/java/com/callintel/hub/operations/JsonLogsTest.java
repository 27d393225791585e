package com.callintel.hub.operations;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One setting switches the hub's log to JSON: {@code CALLINTEL_LOG_FORMAT} (ecs or logstash) becomes Spring Boot's
 * {@code logging.structured.format.console} through config/application.yaml, and every line the console then
 * writes (a message with an exception's stack included) parses as one JSON object. Unset, the lines stay text.
 * The lines are written by Boot's own structured encoder on a logger context of the test's, so the JVM's logging,
 * shared with other tests, is left alone.
 */
class JsonLogsTest {

    private static final String CONSOLE_FORMAT = "logging.structured.format.console";

    @Test
    void unsetMeansPlainTextLines() throws Exception {
        assertThat(hubSettings(Map.of()).getProperty(CONSOLE_FORMAT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash"})
    void everyLineParsesAsJsonWhenSwitchedOn(String format) throws Exception {
        StandardEnvironment settings = hubSettings(Map.of("CALLINTEL_LOG_FORMAT", format));
        assertThat(settings.getProperty(CONSOLE_FORMAT)).isEqualTo(format);

        List<String> lines = logged(settings, logger -> {
            logger.info("Webhook {} stored for provider {}", 42, "zoom");
            logger.warn("AMS sync 7 will be retried: \"quoted\"\nsecond line", new IllegalStateException("AMS down"));
        });

        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode stored = json.readTree(lines.get(0));
        assertThat(stored.path("message").asText()).isEqualTo("Webhook 42 stored for provider zoom");
        assertThat(stored.has("@timestamp")).isTrue();
        JsonNode retried = json.readTree(lines.get(1));
        assertThat(retried.path("message").asText()).isEqualTo("AMS sync 7 will be retried: \"quoted\"\nsecond line");
        assertThat(retried.toString()).contains("AMS down");
    }

    /** config/application.yaml as the hub reads it, with {@code variables} as the process environment. */
    private static StandardEnvironment hubSettings(Map<String, Object> variables) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("hub", new FileSystemResource("config/application.yaml"))
                .forEach(environment.getPropertySources()::addLast);
        return environment;
    }

    /** The lines Spring Boot's console encoder writes, in the configured structured format, for what {@code log} logs. */
    private static List<String> logged(StandardEnvironment settings, Consumer<Logger> log) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(Environment.class.getName(), settings);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(settings.getProperty(CONSOLE_FORMAT));
        encoder.start();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(console);
        appender.start();
        Logger logger = context.getLogger("com.callintel.hub.intake.WebhookIntake");
        logger.addAppender(appender);
        log.accept(logger);
        context.stop();
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
