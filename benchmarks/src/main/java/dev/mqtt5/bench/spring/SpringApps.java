package dev.mqtt5.bench.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a contender's Spring Boot application the way an application starts: {@code SpringApplication}
 * with auto-configuration, properties {@code aws.iot.mqtt5.*} pointing at the harness's mosquitto,
 * and the harness's {@link Deliveries} registered as a bean.
 */
final class SpringApps {

    private SpringApps() {
    }

    static ConfigurableApplicationContext run(Class<?> configuration, int port, String clientId, String topic,
            Deliveries deliveries) {
        SpringApplication app = new SpringApplication(configuration);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("aws.iot.mqtt5.endpoint", "127.0.0.1");
        properties.put("aws.iot.mqtt5.port", port);
        properties.put("aws.iot.mqtt5.client-id", clientId);
        properties.put("aws.iot.mqtt5.startup.wait-for-connection", true);
        properties.put("logging.level.root", "WARN");
        properties.put("bench.topic", topic);
        app.setDefaultProperties(properties);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("benchDeliveries", deliveries));
        return app.run();
    }
}
