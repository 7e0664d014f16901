package dev.mqtt5.sample;

import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.PublishReceivedListener;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The sample: the starter builds and connects the client from application.yml (an embedded
 * broker by default); this application subscribes, publishes a greeting and logs what comes back.
 */
@SpringBootApplication
public class SampleApplication {

    private static final Log logger = LogFactory.getLog(SampleApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    /** Logs every publish the client receives; the starter installs it in the client. */
    @Bean
    PublishReceivedListener logReceivedPublishes() {
        return (publish) -> logger.info("Received on " + publish.topic() + ": " + new String(publish.payload()));
    }

    @Bean
    ApplicationRunner greet(Mqtt5Client client) {
        return (args) -> {
            client.subscribe(SubscribePacket.of("sample/#", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
            client.publish(PublishPacket.builder().topic("sample/greeting").payload("hello from the sample")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        };
    }
}
