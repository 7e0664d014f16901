package dev.mqtt5.spring.test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps Spring Boot's default logging when the only {@code logback.xml} on the class path is the
 * one inside the HiveMQ jar, which Boot would otherwise load instead of its own defaults. Sets
 * {@code logging.config} as a default only: an application's own setting or logback.xml wins.
 */
class HiveMqLogbackGuard implements EnvironmentPostProcessor, Ordered {

    static final String BOOT_DEFAULTS = "classpath:dev/mqtt5/spring/test/logback-boot-defaults.xml";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("logging.config") || !onlyHiveMqLogbackXml(application.getClassLoader())) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("mqtt5EmbeddedBrokerLogging",
                Map.of("logging.config", BOOT_DEFAULTS)));
    }

    private static boolean onlyHiveMqLogbackXml(ClassLoader classLoader) {
        try {
            ClassLoader loader = (classLoader != null) ? classLoader : HiveMqLogbackGuard.class.getClassLoader();
            List<URL> found = Collections.list(loader.getResources("logback.xml"));
            return found.size() == 1 && found.get(0).toString().contains("hivemq-community-edition-embedded")
                    && loader.getResource("logback-test.xml") == null;
        } catch (IOException ex) {
            return false;
        }
    }
}
